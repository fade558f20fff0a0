namespace Provenance.Capture.Model;

/// <summary>Hash algorithm for content and path hashes.</summary>
public enum HashAlgorithmKind
{
    /// <summary>MD5, the default, as in the LST on-site logs.</summary>
    Md5,

    /// <summary>SHA-256.</summary>
    Sha256,

    /// <summary>XXH128 (System.IO.Hashing): fast, not cryptographic.</summary>
    XxHash128,
}
