using GotaKeren.Web.Tenancy;

namespace GotaKeren.UnitTests.Tenancy;

public sealed class TenantFileShould : IDisposable
{
    private const string Valid = """
        slug: kendal
        name: "Kabupaten Kendal"
        regionCode: "33.24"
        provinceCode: "33"
        timeZone: Asia/Jakarta
        status: active
        branding:
          logo: logo.svg
          primaryColor: "#7a1f2b"
          address: "Jl. Soekarno-Hatta No. 193, Kendal"
        targets:
          estimatedVulnerableWorkers: 200000
          coverageTargetPercent: 51.64
        programme:
          movementName: "Gerakan ASN Peduli Pekerja Rentan"
          asnRatio: 1
          notes:
            - "satu"
            - "dua"
        """;

    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("tenant-file-");

    [Fact]
    public void ReadAValidFileIntoARegency()
    {
        var parsed = TenantFileImporter.Parse(Write("kendal", Valid));

        var tenant = parsed.Tenant;
        Assert.Equal("kendal", tenant.Slug);
        Assert.Equal("33.24", tenant.RegionCode);
        Assert.Equal(TenantStatus.Active, tenant.Status);
        Assert.Equal("#7a1f2b", tenant.Branding.PrimaryColor);
        Assert.Equal("image/svg+xml", tenant.Branding.LogoContentType);
        Assert.Equal(200000, tenant.Targets.EstimatedVulnerableWorkers);
        Assert.Equal(51.64m, tenant.Targets.CoverageTargetPercent);
        Assert.Equal("""{"movementName":"Gerakan ASN Peduli Pekerja Rentan","asnRatio":1,"notes":["satu","dua"]}""", tenant.ProgrammeJson);
    }

    [Theory]
    [InlineData("slug: kendal", "slug: Kendal_Raya", "slug", "hanya boleh huruf kecil")]
    [InlineData("slug: kendal", "slug: garut", "slug", "harus sama dengan nama foldernya")]
    [InlineData("name: \"Kabupaten Kendal\"", "name: \"\"", "name", "wajib diisi")]
    [InlineData("regionCode: \"33.24\"", "regionCode: \"33.99\"", "regionCode", "bukan kode kabupaten/kota")]
    [InlineData("regionCode: \"33.24\"", "regionCode: \"33.24.01\"", "regionCode", "bukan kode kabupaten/kota")]
    [InlineData("provinceCode: \"33\"", "provinceCode: \"99\"", "provinceCode", "bukan kode provinsi")]
    [InlineData("provinceCode: \"33\"", "provinceCode: \"32\"", "provinceCode", "tidak berada di provinsi 32")]
    [InlineData("timeZone: Asia/Jakarta", "timeZone: Asia/Kendal", "timeZone", "bukan zona waktu")]
    [InlineData("status: active", "status: aktif", "status", "harus salah satu dari draft, active, suspended")]
    [InlineData("primaryColor: \"#7a1f2b\"", "primaryColor: merah", "branding.primaryColor", "bukan warna #rrggbb")]
    [InlineData("logo: logo.svg", "logo: tidak-ada.svg", "branding.logo", "tidak ada di folder")]
    [InlineData("logo: logo.svg", "logo: ../../etc/passwd.png", "branding.logo", "tidak ada di folder")]
    [InlineData("logo: logo.svg", "logo: logo.gif", "branding.logo", "harus berkas .svg atau .png")]
    [InlineData("coverageTargetPercent: 51.64", "coverageTargetPercent: 151", "targets.coverageTargetPercent", "antara 0 dan 100")]
    [InlineData("estimatedVulnerableWorkers: 200000", "estimatedVulnerableWorkers: -1", "targets.estimatedVulnerableWorkers", "tidak boleh negatif")]
    [InlineData("timeZone: Asia/Jakarta", "zonaWaktu: Asia/Jakarta", "zonaWaktu", "kolom tidak dikenal")]
    [InlineData("status: active", "status: [active", "(sintaks)", "YAML tidak valid di baris")]
    public void RejectABadFileNamingTheFileTheFieldAndTheReason(string find, string replace, string field, string reason)
    {
        var path = Write("kendal", Valid.Replace(find, replace, StringComparison.Ordinal));

        var error = Assert.Throws<TenantFileException>(() => TenantFileImporter.Parse(path));

        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal("tenants/kendal/tenant.yaml", error.File[^"tenants/kendal/tenant.yaml".Length..]);
        Assert.StartsWith(error.File + ": " + field + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectAnEmptyFile()
    {
        var error = Assert.Throws<TenantFileException>(() => TenantFileImporter.Parse(Write("kendal", "")));

        Assert.Contains("kosong", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptEveryShippedRegencyFile()
    {
        var directory = TenantFileImporter.FindDirectory(AppContext.BaseDirectory)!;
        var slugs = Directory.GetDirectories(directory).Select(d => TenantFileImporter.Parse(Path.Combine(d, "tenant.yaml")).Tenant.Slug).Order().ToArray();

        Assert.Equal(["garut", "kendal", "pasaman-barat", "pasuruan", "sukoharjo"], slugs);
    }

    public void Dispose() => root.Delete(recursive: true);

    private string Write(string slug, string yaml)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root.FullName, "tenants", slug));
        File.WriteAllText(Path.Combine(folder.FullName, "logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        File.WriteAllText(Path.Combine(folder.FullName, "logo.gif"), "GIF89a");
        var path = Path.Combine(folder.FullName, "tenant.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
