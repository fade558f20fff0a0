namespace Provenance.Capture.Prov.Readers;

/// <summary>What a file holds, judged from its first bytes (<see cref="InputKinds.Of"/>): so a tool given the wrong kind can name the right verb.</summary>
public enum InputKind
{
    /// <summary>Nothing but white space.</summary>
    Empty,

    /// <summary>A provenance log: CLEF lines with <c>prov_kind</c>, or LST <c>__PROV__</c> lines.</summary>
    ProvenanceLog,

    /// <summary>A W3C PROV-JSON document (an object with <c>prefix</c>, <c>entity</c>, <c>activity</c>… sections).</summary>
    ProvJson,

    /// <summary>A ctapipe provenance file: JSON arrays of activities with <c>activity_name</c>, <c>input</c> and <c>output</c>.</summary>
    CtapipeProvenance,

    /// <summary>Anything else (another program's log, a binary file).</summary>
    Other,
}
