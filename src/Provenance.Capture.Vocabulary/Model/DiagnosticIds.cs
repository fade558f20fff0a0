namespace Provenance.Capture.Model;

/// <summary>Diagnostic ids, one per kind of problem (see docs/diagnostics.md).</summary>
public static class DiagnosticIds
{
    /// <summary>The model file is not valid YAML.</summary>
    public const string YamlSyntax = "PCAP001";

    /// <summary>A key or value of the model does not follow the model schema.</summary>
    public const string Schema = "PCAP002";

    /// <summary>An [Activity] method has no entry in the model.</summary>
    public const string UnmodelledActivity = "PCAP003";

    /// <summary>A value expression names a parameter the method does not have.</summary>
    public const string UnknownParameter = "PCAP004";

    /// <summary>A value expression names a member the type does not have.</summary>
    public const string UnknownMember = "PCAP005";

    /// <summary>A usage or generation names an entity the model does not describe.</summary>
    public const string UnknownEntity = "PCAP006";

    /// <summary>A value expression cannot be parsed.</summary>
    public const string ExpressionSyntax = "PCAP007";

    /// <summary>A value expression reads <c>result</c> of a method that returns nothing.</summary>
    public const string NoResult = "PCAP008";

    /// <summary>The model file cannot be read.</summary>
    public const string FileNotFound = "PCAP009";

    /// <summary>The model describes an activity that no [Activity] method has (often a typo of one that has).</summary>
    public const string UnusedActivity = "PCAP010";
}
