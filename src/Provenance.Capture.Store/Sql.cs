using System.Data.Common;

namespace Provenance.Capture.Store;

/// <summary>Commands with named parameters, the same on both engines.</summary>
internal static class Sql
{
    public static DbCommand Command(DbConnection connection, string sql, DbTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
