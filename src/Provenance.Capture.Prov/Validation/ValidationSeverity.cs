namespace Provenance.Capture.Prov.Validation;

/// <summary>How much a <see cref="ValidationProblem"/> weighs.</summary>
public enum ValidationSeverity
{
    /// <summary>The document breaks the W3C PROV-JSON schema, is not JSON, or holds a time that is no <c>xsd:dateTime</c>: it is invalid.</summary>
    Error,

    /// <summary>
    /// PROV allows it, but the rules this product's own documents meet do not: an identifier used but not
    /// declared, an undeclared prefix, an entity generated twice, an end before the start. An error under <c>--strict</c>.
    /// </summary>
    Warning,

    /// <summary>Something worth saying that is neither (which spelling of the ended-by section a document uses).</summary>
    Note,
}
