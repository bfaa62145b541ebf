namespace WorkersPower.Platform;

/// <summary>
/// Opaque global ids: base64url of "TypeName:guid". Clients treat them as opaque strings;
/// the server can tell which type an id belongs to, so <c>node(id:)</c> can resolve any of them.
/// </summary>
public static class GlobalId
{
    public static string Encode(string typeName, Guid id)
    {
        // one allocation (the id itself): the text is put together on the stack (type names are short ASCII)
        var length = Encoding.UTF8.GetByteCount(typeName) + 33;
        if (length > 256) return Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{typeName}:{id:N}"));
        Span<byte> text = stackalloc byte[length];
        var written = Encoding.UTF8.GetBytes(typeName, text);
        text[written++] = (byte)':';
        id.TryFormat(text[written..], out _, "N");
        return Base64Url.EncodeToString(text);
    }

    /// <summary>Decodes any global id; false when the text is not one.</summary>
    public static bool TryDecode(string? globalId, out string typeName, out Guid id)
    {
        typeName = "";
        id = Guid.Empty;
        if (string.IsNullOrEmpty(globalId) || globalId.Length > 128) return false;
        Span<byte> bytes = stackalloc byte[Base64Url.GetMaxDecodedLength(globalId.Length)];
        if (Base64Url.DecodeFromChars(globalId, bytes, out _, out var written) != System.Buffers.OperationStatus.Done) return false;
        var text = Encoding.UTF8.GetString(bytes[..written]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !Guid.TryParseExact(text[(colon + 1)..], "N", out id)) return false;
        typeName = text[..colon];
        return true;
    }

    /// <summary>Decodes an id that must belong to <paramref name="typeName"/>; null otherwise.</summary>
    public static Guid? TryDecode(string? globalId, string typeName) =>
        TryDecode(globalId, out var t, out var id) && t == typeName ? id : null;
}
