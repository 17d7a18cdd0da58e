using GotaKeren.Templating;

namespace GotaKeren.UnitTests.Templating;

public sealed class IndonesianFormatShould
{
    [Theory]
    [InlineData(16_800, "Rp16.800")]
    [InlineData(8_400, "Rp8.400")]
    [InlineData(0, "Rp0")]
    [InlineData(42_000_000, "Rp42.000.000")]
    [InlineData(-5_000, "-Rp5.000")]
    public void WriteRupiahWithDotsBetweenThousands(long amount, string expected) =>
        Assert.Equal(expected, IndonesianFormat.Rupiah(amount));

    [Fact]
    public void WriteDatesWithIndonesianMonthNames()
    {
        Assert.Equal("22 November 2026", IndonesianFormat.Date(new DateOnly(2026, 11, 22)));
        Assert.Equal("1 Januari 2026", IndonesianFormat.Date(new DateOnly(2026, 1, 1)));
        Assert.Equal("Agustus 2024", IndonesianFormat.Month(new DateOnly(2024, 8, 1)));
        Assert.Equal("3 Februari 2026 10.24 WIB", IndonesianFormat.DateTime(new DateTimeOffset(2026, 2, 3, 10, 24, 0, TimeSpan.FromHours(7))));
        Assert.Equal("3 Februari 2026 11.24 WITA", IndonesianFormat.DateTime(new DateTimeOffset(2026, 2, 3, 11, 24, 0, TimeSpan.FromHours(8))));
    }

    [Theory]
    [InlineData(0, "nol")]
    [InlineData(1, "satu")]
    [InlineData(11, "sebelas")]
    [InlineData(15, "lima belas")]
    [InlineData(100, "seratus")]
    [InlineData(111, "seratus sebelas")]
    [InlineData(1_000, "seribu")]
    [InlineData(8_400, "delapan ribu empat ratus")]
    [InlineData(16_800, "enam belas ribu delapan ratus")]
    [InlineData(36_800, "tiga puluh enam ribu delapan ratus")]
    [InlineData(1_000_000, "satu juta")]
    [InlineData(42_000_000, "empat puluh dua juta")]
    [InlineData(174_000_000, "seratus tujuh puluh empat juta")]
    [InlineData(2_001_001_001, "dua miliar satu juta seribu satu")]
    public void SpellAmountsInWords(long amount, string expected) =>
        Assert.Equal(expected, IndonesianFormat.Words(amount));

    [Fact]
    public async Task OfferTheFormatsToTemplates()
    {
        var result = await new TemplateRenderer().RenderTextAsync(
            "doc",
            "{{ rupiah amount }}|{{ angka 1234567 }}|{{ tanggal day }}|{{ bulan day }}|{{ terbilang amount }}|{{ tanggal '2026-11-22' }}|{{ rupiah 1500.5 }}",
            new { Amount = 16_800L, Day = new DateOnly(2026, 11, 22) },
            new MemorySource([]));

        Assert.Equal(
            "Rp16.800|1.234.567|22 November 2026|November 2026|enam belas ribu delapan ratus|22 November 2026|Rp1.501",
            result.EnsureSuccess());
    }

    [Fact]
    public async Task DrawVerificationLinksAsQrCodes()
    {
        var result = await new TemplateRenderer().RenderTextAsync(
            "doc", "{{ qr url }}|{{ qr_png url }}", new { Url = "https://gotakeren.id/v/1?a=1&b=2" }, new MemorySource([]));

        var parts = result.EnsureSuccess().Split('|');
        Assert.StartsWith("<svg", parts[0], StringComparison.Ordinal);
        Assert.Contains("viewBox", parts[0], StringComparison.Ordinal);
        Assert.StartsWith("data:image/png;base64,iVBOR", parts[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportAValueThatIsNotANumberInIndonesian()
    {
        var result = await new TemplateRenderer().RenderTextAsync("doc", "{{ rupiah 'abc' }}", new { }, new MemorySource([]));

        Assert.Contains("bukan angka", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }
}
