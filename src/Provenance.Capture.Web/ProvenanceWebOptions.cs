using Provenance.Capture.Store;

namespace Provenance.Capture.Web;

/// <summary>How <c>provcap serve</c> serves a store.</summary>
public sealed class ProvenanceWebOptions
{
    /// <summary>The default address: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The store: a SQLite file or a PostgreSQL connection string; by default <see cref="ProvenanceStore.DefaultLocation"/>.</summary>
    public string Store { get; set; } = ProvenanceStore.DefaultLocation;

    /// <summary>
    /// The token file (one line per token: <c>&lt;sha256 of the token, hex&gt; &lt;project&gt;[,&lt;project&gt;…]</c>, <c>*</c> for every
    /// project); null: no sign-in, everything visible to whoever reaches the address.
    /// </summary>
    public string? TokensFile { get; set; }

    /// <summary>The most nodes a graph page draws; a bigger lineage is cut there, with links to go deeper.</summary>
    public int GraphNodes { get; set; } = 150;

    /// <summary>The most nodes a ProvSAP or API lineage returns; it then says it truncated.</summary>
    public int MaxNodes { get; set; } = 20_000;

    /// <summary>The most <c>ID</c> values one ProvSAP request may name.</summary>
    public int MaxIds { get; set; } = 50;

    /// <summary>The largest request body accepted (the sign-in form is the only one), in bytes; set on Kestrel by <see cref="ProvenanceWeb.Build"/>.</summary>
    public long MaxRequestBodyBytes { get; set; } = 8 * 1024;
}
