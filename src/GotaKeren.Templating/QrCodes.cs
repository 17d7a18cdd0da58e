using QRCoder;

namespace GotaKeren.Templating;

/// <summary>QR codes for verification links printed on certificates and receipts.</summary>
public static class QrCodes
{
    // A verification link is short; a cap keeps a template from turning the QR encoder into a CPU sink.
    public const int MaxLength = 1_024;

    /// <summary>An inline SVG that scales to its container (no width/height, only a viewBox).</summary>
    public static string Svg(string text)
    {
        using var data = Encode(text);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    public static string PngDataUri(string text, int pixelsPerModule = 8)
    {
        using var data = Encode(text);
        using var png = new PngByteQRCode(data);
        return "data:image/png;base64," + Convert.ToBase64String(png.GetGraphic(pixelsPerModule));
    }

    private static QRCodeData Encode(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new ArgumentException("Teks untuk kode QR kosong.", nameof(text));
        }

        if (text.Length > MaxLength)
        {
            throw new ArgumentException($"Teks untuk kode QR terlalu panjang (maksimal {MaxLength} karakter).", nameof(text));
        }

        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
    }
}
