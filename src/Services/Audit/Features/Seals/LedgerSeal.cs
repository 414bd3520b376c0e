using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TitleReview.Audit.Features.Seals;

/// <summary>
/// A seal over the events (<see cref="FromSequence"/>, <see cref="UpToSequence"/>]: the digest of their hashes,
/// chained to the previous seal's hash, so no sealed event can change, vanish or appear without breaking the chain.
/// </summary>
public sealed record LedgerSeal(
    long SealNumber,
    long FromSequence,
    long UpToSequence,
    long EventCount,
    string EventsDigest,
    string PreviousSealHash,
    string SealHash,
    DateTimeOffset SealedAt,
    string SealedBy)
{
    public static readonly string Genesis = new('0', 64);

    public static string HashOf(string previousSealHash, long sealNumber, long fromSequence, long upToSequence, long eventCount, string eventsDigest) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|',
            previousSealHash, sealNumber.ToString(CultureInfo.InvariantCulture), fromSequence.ToString(CultureInfo.InvariantCulture),
            upToSequence.ToString(CultureInfo.InvariantCulture), eventCount.ToString(CultureInfo.InvariantCulture), eventsDigest))));

    public bool ChainsTo(string previousSealHash) =>
        PreviousSealHash == previousSealHash && SealHash == HashOf(PreviousSealHash, SealNumber, FromSequence, UpToSequence, EventCount, EventsDigest);
}

/// <summary>The running digest of one seal's event hashes, in sequence order.</summary>
public sealed class EventsDigest : IDisposable
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long Count { get; private set; }

    public void Add(long sequence, string eventHash)
    {
        hash.AppendData(Encoding.UTF8.GetBytes($"{sequence.ToString(CultureInfo.InvariantCulture)}:{eventHash}\n"));
        Count++;
    }

    public string Finish() => Convert.ToHexStringLower(hash.GetHashAndReset());

    public void Dispose() => hash.Dispose();
}
