namespace OtMz.Vision;

/// <summary>
/// Names a picture format from its first bytes, for the case where Skia has no codec for the data: a GIF or HEIC
/// upload then gets "unsupported format" rather than "corrupt".
/// </summary>
internal static class ImageSignature
{
    public const string Jpeg = "JPEG";
    public const string Png = "PNG";
    public const string Webp = "WebP";

    /// <summary>The format's display name, or null when the bytes start like no picture format we know.</summary>
    public static string? Recognise(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith<byte>([0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (bytes.StartsWith<byte>([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return Webp;
        }

        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8))
        {
            return "GIF";
        }

        if (bytes.StartsWith("BM"u8) && bytes.Length >= 14)
        {
            return "BMP";
        }

        if (bytes.StartsWith<byte>([0x00, 0x00, 0x01, 0x00]) || bytes.StartsWith<byte>([0x00, 0x00, 0x02, 0x00]))
        {
            return "ICO";
        }

        if (bytes.StartsWith("II*\0"u8) || bytes.StartsWith("MM\0*"u8))
        {
            return "TIFF";
        }

        if (bytes.StartsWith<byte>([0xFF, 0x0A])
            || bytes.StartsWith<byte>([0x00, 0x00, 0x00, 0x0C, (byte)'J', (byte)'X', (byte)'L', (byte)' ']))
        {
            return "JPEG XL";
        }

        // ISO base media: a box of type "ftyp" whose major brand says which still-image family it is.
        if (bytes.Length >= 12 && bytes.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            var brand = bytes.Slice(8, 4);
            if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
            {
                return "AVIF";
            }

            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("heim"u8)
                || brand.SequenceEqual("heis"u8) || brand.SequenceEqual("hevc"u8) || brand.SequenceEqual("hevx"u8)
                || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8))
            {
                return "HEIF";
            }
        }

        return null;
    }
}
