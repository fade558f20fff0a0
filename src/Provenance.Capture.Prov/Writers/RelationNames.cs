using System.Text;
using Provenance.Capture.Prov.Document;

namespace Provenance.Capture.Prov.Writers;

/// <summary>A relation section's names in UTF-8, as the PROV-JSON writers use them: made once per kind.</summary>
internal sealed class RelationNames
{
    private static readonly Dictionary<ProvRelationKind, RelationNames> ByKind =
        ProvRelationShape.All.ToDictionary(s => s.Kind, s => new RelationNames(s));

    private RelationNames(ProvRelationShape shape)
    {
        Shape = shape;
        Section = Encoding.UTF8.GetBytes(shape.Name);
        SubjectKey = Encoding.UTF8.GetBytes(shape.SubjectKey);
        ObjectKey = Encoding.UTF8.GetBytes(shape.ObjectKey);
        // Relation ids are blank nodes named after the relation's initials: _:wgb1, _:u1, _:aobo1.
        BlankNode = Encoding.UTF8.GetBytes("_:" + string.Concat(shape.Name.Where((c, i) => i == 0 || char.IsUpper(c)).Select(char.ToLowerInvariant)));
    }

    /// <summary>Every relation kind's names, in the order documents list them.</summary>
    public static IEnumerable<RelationNames> All => ProvRelationShape.All.Select(s => ByKind[s.Kind]);

    /// <summary>The relation.</summary>
    public ProvRelationShape Shape { get; }

    /// <summary>The section, e.g. <c>wasGeneratedBy</c>.</summary>
    public byte[] Section { get; }

    /// <summary>The first argument's key, e.g. <c>prov:entity</c>.</summary>
    public byte[] SubjectKey { get; }

    /// <summary>The second argument's key.</summary>
    public byte[] ObjectKey { get; }

    /// <summary>The head of the relations' ids, e.g. <c>_:wgb</c>.</summary>
    public byte[] BlankNode { get; }

    /// <summary>The names of a kind.</summary>
    public static RelationNames Of(ProvRelationKind kind) => ByKind[kind];
}
