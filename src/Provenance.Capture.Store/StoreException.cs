namespace Provenance.Capture.Store;

/// <summary>A store that cannot be opened or used as asked (a message for the user, not a stack trace).</summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, naming the store.</param>
    /// <param name="inner">The database's own exception, if any.</param>
    public StoreException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
