using System.Buffers;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using Provenance.Capture.Model;

namespace Provenance.Capture.Entities;

/// <summary>Hashes file contents and paths with the algorithms a model may choose.</summary>
internal static class FileHasher
{
    /// <summary>The name written in <c>hash_type</c> for an algorithm.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns><c>md5</c>, <c>sha256</c> or <c>xxh128</c>.</returns>
    public static string NameOf(HashAlgorithmKind algorithm) => algorithm switch
    {
        HashAlgorithmKind.Md5 => "md5",
        HashAlgorithmKind.Sha256 => "sha256",
        HashAlgorithmKind.XxHash128 => "xxh128",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Hashes a file's bytes, streaming.</summary>
    /// <param name="path">The file.</param>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>Lower-case hex digest.</returns>
    public static string HashContent(string path, HashAlgorithmKind algorithm)
    {
        using var stream = OpenForReading(path);
        return Hash(stream, algorithm, copyTo: null);
    }

    /// <summary>Opens a file to hash or copy it while others may write, rename or delete it.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The stream.</returns>
    public static FileStream OpenForReading(string path)
        => new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);

    /// <summary>Hashes a stream to its end, writing the same bytes to <paramref name="copyTo"/> when given (one read for both).</summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="algorithm">The algorithm.</param>
    /// <param name="copyTo">Where to copy them, or null.</param>
    /// <returns>Lower-case hex digest.</returns>
    public static string Hash(Stream stream, HashAlgorithmKind algorithm, Stream? copyTo)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            if (algorithm == HashAlgorithmKind.XxHash128)
            {
                var xx = new XxHash128();
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    xx.Append(buffer.AsSpan(0, read));
                    copyTo?.Write(buffer, 0, read);
                }

                return Convert.ToHexStringLower(xx.GetCurrentHash());
            }

            using var incremental = IncrementalHash.CreateHash(algorithm == HashAlgorithmKind.Sha256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.MD5);
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                incremental.AppendData(buffer, 0, n);
                copyTo?.Write(buffer, 0, n);
            }

            return Convert.ToHexStringLower(incremental.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Hashes a text (a full path, a value) as UTF-8.</summary>
    /// <param name="text">The text.</param>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>Lower-case hex digest.</returns>
    public static string HashText(string text, HashAlgorithmKind algorithm)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return algorithm switch
        {
            HashAlgorithmKind.Sha256 => Convert.ToHexStringLower(SHA256.HashData(bytes)),
            HashAlgorithmKind.XxHash128 => Convert.ToHexStringLower(XxHash128.Hash(bytes)),
            _ => Convert.ToHexStringLower(MD5.HashData(bytes)),
        };
    }
}
