using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TrustAgain.Web.Encryption;

// Encrypts what a person writes with AES-256-GCM before it reaches the database.
// Each person has a random 256-bit data key, and each pair of linked people a pair key of its own for what they
// offer each other; both are stored wrapped by the key-encryption key through the one pair of functions below,
// so a change to how keys are wrapped is one change. Each write uses a fresh nonce, and the associated data binds
// a ciphertext to its owner (a person or a pair) and row, so a ciphertext moved to another owner or row fails to
// decrypt rather than showing someone else's words.
//
// Layout of every blob: [format 1 byte][nonce 12][tag 16][ciphertext].
public sealed class JournalCipher(KeyEncryptionKey keyEncryptionKey)
{
    private const byte FormatV1 = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    public byte[] NewWrappedDataKey(string userId) => NewWrappedKey(KeyOwner.Person(userId));

    public byte[] NewWrappedPairKey(Guid pairId) => NewWrappedKey(KeyOwner.Pair(pairId));

    // Unwraps a person's data key once per request; the caller encrypts and decrypts with it.
    public UserKey Unwrap(string userId, byte[] wrappedDataKey) => Unwrap(KeyOwner.Person(userId), wrappedDataKey);

    // Unwraps a pair's key for the offers between its two people.
    public UserKey UnwrapPairKey(Guid pairId, byte[] wrappedPairKey) => Unwrap(KeyOwner.Pair(pairId), wrappedPairKey);

    // The one place a new key is made and wrapped, for a person or a pair alike.
    private byte[] NewWrappedKey(KeyOwner owner)
    {
        var dataKey = RandomNumberGenerator.GetBytes(KeyEncryptionKey.SizeInBytes);
        try
        {
            return Seal(keyEncryptionKey.Bytes, dataKey, owner.KeyContext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    // The one place a key is unwrapped, for a person or a pair alike.
    private UserKey Unwrap(KeyOwner owner, byte[] wrappedKey)
    {
        var dataKey = Open(keyEncryptionKey.Bytes, wrappedKey, owner.KeyContext)
            ?? throw new CryptographicException($"The {owner.Kind} key cannot be unwrapped with the configured key-encryption key.");
        return new UserKey(owner, dataKey);
    }

    // Whose key it is: the associated data of the wrapped key and of every row sealed with it names the owner,
    // so a person's key can never open a pair's rows or the other way round. A person's contexts are unchanged
    // from before pairs existed, so every journal written then still opens.
    public sealed record KeyOwner(string Kind, string Id, string KeyContextText, string RowContextText)
    {
        public static KeyOwner Person(string userId) =>
            new("person's journal", userId, $"trustagain/data-key/v1/{userId}", $"trustagain/reflection/v1/{userId}/");

        public static KeyOwner Pair(Guid pairId) =>
            new("pair", pairId.ToString(), $"trustagain/pair-key/v1/{pairId}", $"trustagain/pair-offer/v1/{pairId}/");

        public byte[] KeyContext => Encoding.UTF8.GetBytes(KeyContextText);
    }

    public sealed class UserKey(KeyOwner owner, byte[] dataKey)
    {
        // Setting up an AesGcm costs more than the decryption it then does, and one instance must not be used by
        // two threads at once; a person's key is shared by their concurrent requests, so it keeps a few to reuse.
        private readonly ConcurrentBag<AesGcm> _ciphers = [];

        // Whose key this is: a person's id, or a pair's.
        public string OwnerId => owner.Id;

        // The search index's key, derived from the data key: it is as safe as the data key, goes with it when an
        // account is deleted, and tags computed with it mean nothing for any other person (see Journal/SearchWords).
        private readonly Lazy<byte[]> _searchKey = new(() =>
            HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey, 32, info: Encoding.UTF8.GetBytes("trustagain/search-index/v1")));

        // A keyed hash of one piece of a word, shortened to eight bytes: plenty to tell a person's pieces apart.
        public long SearchTag(string piece)
        {
            Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(_searchKey.Value, Encoding.UTF8.GetBytes(piece), hash);
            return BinaryPrimitives.ReadInt64LittleEndian(hash);
        }

        public byte[] Encrypt(Guid rowId, string text) =>
            WithCipher(cipher => Seal(cipher, Encoding.UTF8.GetBytes(text), RowContext(owner, rowId)));

        // Null means the entry is damaged (or belongs elsewhere): show that, never garbage.
        public string? Decrypt(Guid rowId, byte[] blob) =>
            WithCipher(cipher => Open(cipher, blob, RowContext(owner, rowId))) is { } plain ? Encoding.UTF8.GetString(plain) : null;

        // Structured answers (scores, outcomes, choices) are sealed as one JSON payload per row, like text.
        public byte[] EncryptJson<T>(Guid rowId, T value, JsonSerializerOptions options) =>
            Encrypt(rowId, JsonSerializer.Serialize(value, options));

        // Null means damaged: the row does not decrypt, or what decrypts is not a T.
        public T? DecryptJson<T>(Guid rowId, byte[] blob, JsonSerializerOptions options) where T : class
        {
            if (Decrypt(rowId, blob) is not { } json)
            {
                return null;
            }
            try
            {
                return JsonSerializer.Deserialize<T>(json, options);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private T WithCipher<T>(Func<AesGcm, T> use)
        {
            var cipher = _ciphers.TryTake(out var idle) ? idle : new AesGcm(dataKey, TagSize);
            try
            {
                return use(cipher);
            }
            finally
            {
                _ciphers.Add(cipher);
            }
        }
    }

    internal static byte[] Seal(byte[] key, byte[] plaintext, byte[] associatedData)
    {
        using var aes = new AesGcm(key, TagSize);
        return Seal(aes, plaintext, associatedData);
    }

    private static byte[] Seal(AesGcm aes, byte[] plaintext, byte[] associatedData)
    {
        var blob = new byte[HeaderSize + plaintext.Length];
        blob[0] = FormatV1;
        var nonce = blob.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(HeaderSize), blob.AsSpan(1 + NonceSize, TagSize), associatedData);
        return blob;
    }

    internal static byte[]? Open(byte[] key, byte[] blob, byte[] associatedData)
    {
        using var aes = new AesGcm(key, TagSize);
        return Open(aes, blob, associatedData);
    }

    private static byte[]? Open(AesGcm aes, byte[] blob, byte[] associatedData)
    {
        if (blob.Length < HeaderSize || blob[0] != FormatV1)
        {
            return null;
        }
        var plaintext = new byte[blob.Length - HeaderSize];
        try
        {
            aes.Decrypt(blob.AsSpan(1, NonceSize), blob.AsSpan(HeaderSize), blob.AsSpan(1 + NonceSize, TagSize), plaintext, associatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private static byte[] RowContext(KeyOwner owner, Guid rowId)
    {
        var context = Encoding.UTF8.GetBytes(owner.RowContextText);
        var bytes = new byte[context.Length + 16];
        context.CopyTo(bytes, 0);
        // Guid.TryWriteBytes writes the same little-endian layout on every platform.
        rowId.TryWriteBytes(bytes.AsSpan(context.Length));
        return bytes;
    }
}
