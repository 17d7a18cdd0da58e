using GotaKeren.Web.Shell;

namespace GotaKeren.UnitTests.Shell;

public sealed class StoredFileNameShould
{
    [Fact]
    public void KeepTheExtensionOfANameTooLongForItsColumn()
    {
        var name = StoredFileName.Of(new string('a', 300) + ".pdf");

        Assert.Equal(StoredFileName.MaxLength, name.Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("C:\\\\Users\\\\siti\\\\persetujuan.pdf", "persetujuan.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("per\u0000setujuan.pdf", "persetujuan.pdf")]
    [InlineData("   ", "berkas")]
    [InlineData(null, "berkas")]
    public void KeepOnlyTheNameWithoutPathsOrControlCharacters(string? uploaded, string stored) =>
        Assert.Equal(stored, StoredFileName.Of(uploaded?.Replace("\\\\", "/", StringComparison.Ordinal)));
}
