using System.Globalization;
using System.Reflection;
using System.Text;
using Provenance.Capture.Model;
using LinqExpression = System.Linq.Expressions.Expression;
using ParameterExpression = System.Linq.Expressions.ParameterExpression;

namespace Provenance.Capture.Binding;

/// <summary>
/// Compiles a <see cref="ValueExpression"/> against one method into a <see cref="ValueGetter"/>:
/// member lookups happen once here, through expression trees, never per call.
/// </summary>
internal static class ExpressionCompiler
{
    private static readonly System.Linq.Expressions.ConstantExpression NullObject = LinqExpression.Constant(null, typeof(object));

    /// <summary>Compiles, or reports every name that does not fit and returns null.</summary>
    public static ValueGetter? Compile(ValueExpression expression, MethodBase method, Type? resultType, Action<string, string, string> report)
    {
        var getters = new List<(string? Literal, ValueGetter? Getter, string? Format)>();
        var ok = true;
        foreach (var part in expression.Parts)
        {
            if (part.Path is null)
            {
                getters.Add((part.Literal, null, null));
                continue;
            }

            var getter = CompilePath(part.Path, method, resultType, report);
            ok &= getter is not null;
            getters.Add((null, getter, part.Format));
        }

        if (!ok)
        {
            return null;
        }

        if (expression.IsPath)
        {
            return getters[0].Getter;
        }

        var pieces = getters.ToArray();
        return (arguments, result) =>
        {
            var text = new StringBuilder();
            foreach (var (literal, getter, format) in pieces)
            {
                if (getter is null)
                {
                    text.Append(literal);
                    continue;
                }

                var value = getter(arguments, result);
                if (value is null)
                {
                    return null;
                }

                text.Append(value is IFormattable formattable
                    ? formattable.ToString(format, CultureInfo.InvariantCulture)
                    : value.ToString());
            }

            return text.ToString();
        };
    }

    private static ValueGetter? CompilePath(MemberPath path, MethodBase method, Type? resultType, Action<string, string, string> report)
    {
        var arguments = LinqExpression.Parameter(typeof(object?[]), "arguments");
        var result = LinqExpression.Parameter(typeof(object), "result");
        LinqExpression root;
        Type type;
        if (path.ReadsResult)
        {
            if (resultType is null)
            {
                report(DiagnosticIds.NoResult, path.ToString(), $"'{path}' reads the result, but {Describe(method)} returns nothing");
                return null;
            }

            type = resultType;
            root = result;
        }
        else
        {
            var parameters = method.GetParameters();
            var index = Array.FindIndex(parameters, p => p.Name == path.Root);
            if (index < 0)
            {
                var names = parameters.Length == 0 ? "none" : string.Join(", ", parameters.Select(p => p.Name));
                report(DiagnosticIds.UnknownParameter, path.Root, $"'{path}' names parameter '{path.Root}', but {Describe(method)} has no such parameter (it has: {names})");
                return null;
            }

            type = parameters[index].ParameterType;
            if (type.IsByRef)
            {
                type = type.GetElementType()!;
            }

            root = LinqExpression.ArrayIndex(arguments, LinqExpression.Constant(index));
        }

        if (path.Members.Count == 0)
        {
            return LinqExpression.Lambda<ValueGetter>(root, arguments, result).Compile();
        }

        if (type.IsGenericParameter)
        {
            report(DiagnosticIds.UnknownMember, path.ToString(), $"'{path}' reads a member of generic type {type.Name}, whose members are unknown until the call");
            return null;
        }

        var variables = new List<ParameterExpression>();
        var body = Chain(LinqExpression.Convert(root, type), type, path, 0, variables, report);
        if (body is null)
        {
            return null;
        }

        var guarded = LinqExpression.Condition(LinqExpression.Equal(root, NullObject), NullObject, body);
        var block = LinqExpression.Block(typeof(object), variables, guarded);
        return LinqExpression.Lambda<ValueGetter>(block, arguments, result).Compile();
    }

    // Builds `x.A?.B?.C` boxed to object, one null check per reference-typed step.
    private static LinqExpression? Chain(
        LinqExpression current, Type type, MemberPath path, int index, List<ParameterExpression> variables, Action<string, string, string> report)
    {
        if (index == path.Members.Count)
        {
            return LinqExpression.Convert(current, typeof(object));
        }

        var name = path.Members[index];
        var member = (MemberInfo?)type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
            ?? type.GetField(name, BindingFlags.Public | BindingFlags.Instance);
        if (member is null)
        {
            var known = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name)
                .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance).Select(f => f.Name));
            report(DiagnosticIds.UnknownMember, path.ToString(), $"'{path}': type {type.Name} has no public property or field '{name}' (it has: {string.Join(", ", known)})");
            return null;
        }

        var access = LinqExpression.MakeMemberAccess(current, member);
        var memberType = member is PropertyInfo property ? property.PropertyType : ((FieldInfo)member).FieldType;
        if (memberType.IsValueType && Nullable.GetUnderlyingType(memberType) is null)
        {
            return Chain(access, memberType, path, index + 1, variables, report);
        }

        var variable = LinqExpression.Variable(memberType, name);
        variables.Add(variable);
        var rest = Chain(variable, memberType, path, index + 1, variables, report);
        if (rest is null)
        {
            return null;
        }

        return LinqExpression.Block(
            LinqExpression.Assign(variable, access),
            LinqExpression.Condition(LinqExpression.Equal(variable, LinqExpression.Constant(null, memberType)), NullObject, rest));
    }

    private static string Describe(MethodBase method) => $"{method.DeclaringType?.Name}.{method.Name}";
}
