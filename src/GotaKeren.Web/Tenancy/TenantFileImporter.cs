using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Rules;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Regions;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace GotaKeren.Web.Tenancy;

/// <summary>
/// Regencies as code: reads every tenants/&lt;slug&gt;/tenant.yaml, validates all of them before writing any,
/// then creates or updates each regency. It never deletes, and a second run changes nothing.
/// The status in the file applies when the regency is created; after that the platform admin owns it.
/// </summary>
public sealed partial class TenantFileImporter(AppDbContext db, TenantCatalog catalog, TenantLogos logos, TenantWork work, TimeProvider time, ILogger<TenantFileImporter> logger)
{
    private const int MaxLogoBytes = 512 * 1024;

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public sealed record Parsed(string Path, Tenant Tenant, RulesVersion? FirstRules = null);

    public async Task<IReadOnlyList<Tenant>> ImportDirectoryAsync(string directory, CancellationToken ct = default)
    {
        var files = Directory.Exists(directory)
            ? Directory.GetDirectories(directory).Select(d => Path.Combine(d, "tenant.yaml")).Where(File.Exists).Order(StringComparer.Ordinal).ToList()
            : [];
        var parsed = files.Select(Parse).ToList();
        var duplicate = parsed.GroupBy(p => p.Tenant.Slug).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new TenantFileException(duplicate.Skip(1).First().Path, "slug", $"'{duplicate.Key}' sudah dipakai oleh {duplicate.First().Path}.");
        }

        var now = time.GetUtcNow();
        var slugs = parsed.Select(p => p.Tenant.Slug).ToList();
        var existing = await db.Tenants.Where(t => slugs.Contains(t.Slug)).ToDictionaryAsync(t => t.Slug, ct);
        var result = new List<Tenant>();
        foreach (var (path, incoming, _) in parsed)
        {
            if (existing.TryGetValue(incoming.Slug, out var tenant))
            {
                Copy(incoming, tenant);
                if (db.Entry(tenant).State == EntityState.Modified)
                {
                    logger.LogInformation("Tenant {Slug} updated from {Path}", tenant.Slug, path);
                }
            }
            else
            {
                tenant = incoming;
                Register(tenant);
                logger.LogInformation("Tenant {Slug} created from {Path}", tenant.Slug, path);
            }

            result.Add(tenant);
        }

        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        logos.Invalidate();

        foreach (var (path, incoming, firstRules) in parsed.Where(p => p.FirstRules is not null))
        {
            var tenantId = result.Single(t => t.Slug == incoming.Slug).Id;
            await work.RunAsync(tenantId, async sp =>
            {
                // Published versions are immutable: the file seeds the first one and is never applied again.
                var tenantDb = sp.GetRequiredService<AppDbContext>();
                if (!await tenantDb.RulesVersions.AnyAsync(ct))
                {
                    firstRules!.Id = Guid.CreateVersion7();
                    firstRules.PublishedAt = now;
                    firstRules.CreatedBy = firstRules.PublishedBy = path;
                    tenantDb.RulesVersions.Add(firstRules);
                    await tenantDb.SaveChangesAsync(ct);
                    logger.LogInformation("Rules version 1 of {Slug} published from {Path}", incoming.Slug, path);
                }
            }, ct);
        }

        return result;
    }

    /// <summary>
    /// A regency without a file (onboarded by the platform admin from the region data): the same defaults a file
    /// without branding, targets or rules gets, created the way a file's regency is. The unique slug decides a race.
    /// </summary>
    public async Task<Tenant> CreateAsync(Region regency, string slug, CancellationToken ct)
    {
        var tenant = new Tenant
        {
            Slug = slug,
            Name = regency.Name,
            RegionCode = regency.Code,
            ProvinceCode = regency.Code[..2],
            TimeZone = TimeZoneOf(regency.Code[..2]),
            Status = TenantStatus.Draft,
        };
        Register(tenant);
        await db.SaveChangesAsync(ct);
        catalog.Invalidate();
        logos.Invalidate();
        logger.LogInformation("Tenant {Slug} created from region {Code}", slug, regency.Code);

        // Only the regent publishes a letter: the new regency gets the usual one as a draft for its admin to complete.
        await work.RunAsync(tenant.Id, async sp =>
        {
            var tenantDb = sp.GetRequiredService<AppDbContext>();
            tenantDb.RulesVersions.Add(new RulesVersion
            {
                Id = Guid.CreateVersion7(),
                Version = 1,
                Status = RulesStatus.Draft,
                EffectiveFrom = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone)).DateTime),
                Rules = DefaultRules(tenant.Name),
                CreatedBy = "platform",
            });
            await tenantDb.SaveChangesAsync(ct);
        }, ct);
        return tenant;
    }

    /// <summary>
    /// The letter most regencies wrote (see the demo regencies' files): every ASN protects at least one worker,
    /// JKK and JKM on the minimum declared income, salary deduction or direct payment; the number, date and the
    /// regent's name are left for the admin.
    /// </summary>
    public static ProgrammeRules DefaultRules(string regencyName) => new()
    {
        SignatoryTitle = (regencyName.StartsWith("Kota ", StringComparison.Ordinal) ? "Wali Kota " + regencyName["Kota ".Length..] : "Bupati " + regencyName.Replace("Kabupaten ", "", StringComparison.Ordinal)),
        MovementTitle = $"Gerakan ASN {regencyName} Peduli Pekerja Rentan",
        LegalBasis =
        [
            "Instruksi Presiden Nomor 2 Tahun 2021 tentang Optimalisasi Pelaksanaan Program Jaminan Sosial Ketenagakerjaan",
            "Instruksi Presiden Nomor 4 Tahun 2022 tentang Percepatan Penghapusan Kemiskinan Ekstrem",
        ],
        Asn = [new() { Category = AsnCategory.Pns }, new() { Category = AsnCategory.Pppk }, new() { Category = AsnCategory.NonPns }],
        Channels = [new() { Channel = PaymentChannel.SalaryDeduction }, new() { Channel = PaymentChannel.AsnDirect }],
        Package = ContributionPackage.JkkJkm,
        DeclaredIncome = 1_000_000,
        CoverageMonths = 1,
        ReminderDaysBefore = [7],
        EligibleOccupations =
        [
            "petani", "buruh-tani", "nelayan", "pedagang-kecil", "ojek-pangkalan", "sopir", "asisten-rumah-tangga", "marbot",
            "pemulung", "tukang-bangunan", "buruh-harian-lepas",
        ],
    };

    /// <summary>Indonesia's three time zones by province: WITA from Bali and Kalimantan Selatan eastwards to Sulawesi, WIT in Maluku and Papua.</summary>
    public static string TimeZoneOf(string provinceCode) => provinceCode switch
    {
        "51" or "52" or "53" or "63" or "64" or "65" or ['7', _] => "Asia/Makassar",
        ['8', _] or ['9', _] => "Asia/Jayapura",
        _ => "Asia/Jakarta",
    };

    private void Register(Tenant tenant)
    {
        tenant.Id = Guid.CreateVersion7();
        db.Tenants.Add(tenant);
    }

    private static void Copy(Tenant from, Tenant to)
    {
        to.Name = from.Name;
        to.RegionCode = from.RegionCode;
        to.ProvinceCode = from.ProvinceCode;
        to.TimeZone = from.TimeZone;
        // jsonb normalises key order, so compare meaning, not text.
        if (!JsonNode.DeepEquals(JsonNode.Parse(to.ProgrammeJson), JsonNode.Parse(from.ProgrammeJson)))
        {
            to.ProgrammeJson = from.ProgrammeJson;
        }

        to.Targets.EstimatedVulnerableWorkers = from.Targets.EstimatedVulnerableWorkers;
        to.Targets.CoverageTargetPercent = from.Targets.CoverageTargetPercent;
        var b = to.Branding;
        b.PrimaryColor = from.Branding.PrimaryColor;
        b.SecondaryColor = from.Branding.SecondaryColor;
        b.Address = from.Branding.Address;
        b.Phone = from.Branding.Phone;
        b.Email = from.Branding.Email;
        b.Website = from.Branding.Website;
        b.LogoContentType = from.Branding.LogoContentType;
        if (b.Logo is null || from.Branding.Logo is null || !b.Logo.AsSpan().SequenceEqual(from.Branding.Logo))
        {
            b.Logo = from.Branding.Logo;
        }
    }

    /// <summary>Reads and validates one file without touching the database.</summary>
    public static Parsed Parse(string path)
    {
        var shown = ShownPath(path);
        TenantFile file;
        try
        {
            file = Yaml.Deserialize<TenantFile?>(File.ReadAllText(path)) ?? throw new TenantFileException(shown, "(berkas)", "berkas kosong.");
        }
        catch (YamlException e)
        {
            var field = PropertyNotFound().Match(e.InnerException?.Message ?? e.Message) is { Success: true } m ? m.Groups[1].Value : "(sintaks)";
            var reason = field == "(sintaks)"
                ? $"YAML tidak valid di baris {e.Start.Line}, kolom {e.Start.Column}."
                : $"kolom tidak dikenal di baris {e.Start.Line}.";
            throw new TenantFileException(shown, field, reason);
        }

        var folder = Path.GetFileName(Path.GetDirectoryName(path))!;
        string Required(string? value, string field) =>
            string.IsNullOrWhiteSpace(value) ? throw new TenantFileException(shown, field, "wajib diisi.") : value.Trim();

        var slug = Required(file.Slug, "slug");
        if (!SlugPattern().IsMatch(slug))
        {
            throw new TenantFileException(shown, "slug", $"'{slug}' hanya boleh huruf kecil, angka dan tanda hubung.");
        }

        if (slug != folder)
        {
            throw new TenantFileException(shown, "slug", $"'{slug}' harus sama dengan nama foldernya '{folder}'.");
        }

        var regionCode = Required(file.RegionCode, "regionCode");
        if (!Wilayah.Official.IsRegency(regionCode))
        {
            throw new TenantFileException(shown, "regionCode", $"'{regionCode}' bukan kode kabupaten/kota di wilayah.csv.");
        }

        var provinceCode = Required(file.ProvinceCode, "provinceCode");
        if (!Wilayah.Official.IsProvince(provinceCode))
        {
            throw new TenantFileException(shown, "provinceCode", $"'{provinceCode}' bukan kode provinsi di wilayah.csv.");
        }

        if (!regionCode.StartsWith(provinceCode + ".", StringComparison.Ordinal))
        {
            throw new TenantFileException(shown, "provinceCode", $"kabupaten {regionCode} tidak berada di provinsi {provinceCode}.");
        }

        var timeZone = string.IsNullOrWhiteSpace(file.TimeZone) ? "Asia/Jakarta" : file.TimeZone.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            throw new TenantFileException(shown, "timeZone", $"'{timeZone}' bukan zona waktu yang dikenal (contoh: Asia/Jakarta).");
        }

        var status = TenantStatus.Draft;
        if (!string.IsNullOrWhiteSpace(file.Status) && !Enum.TryParse(file.Status, ignoreCase: true, out status))
        {
            throw new TenantFileException(shown, "status", $"'{file.Status}' harus salah satu dari draft, active, suspended.");
        }

        var branding = file.Branding ?? new TenantFile.BrandingSection();
        var tenant = new Tenant
        {
            Slug = slug,
            Name = Required(file.Name, "name"),
            RegionCode = regionCode,
            ProvinceCode = provinceCode,
            TimeZone = timeZone,
            Status = status,
            Branding = new TenantBranding
            {
                PrimaryColor = Colour(branding.PrimaryColor, "branding.primaryColor", "#0b5e3c", shown),
                SecondaryColor = Colour(branding.SecondaryColor, "branding.secondaryColor", "#f2b705", shown),
                Address = branding.Address?.Trim() ?? "",
                Phone = branding.Phone?.Trim(),
                Email = branding.Email?.Trim(),
                Website = branding.Website?.Trim(),
            },
            ProgrammeJson = JsonSerializer.Serialize(Normalize(file.Programme ?? [])),
        };

        if (!string.IsNullOrWhiteSpace(branding.Logo))
        {
            var logoPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, branding.Logo));
            var contentType = Path.GetExtension(logoPath).ToLowerInvariant() switch
            {
                ".svg" => "image/svg+xml",
                ".png" => "image/png",
                _ => throw new TenantFileException(shown, "branding.logo", "logo harus berkas .svg atau .png."),
            };
            if (!logoPath.StartsWith(Path.GetDirectoryName(path)! + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(logoPath))
            {
                throw new TenantFileException(shown, "branding.logo", $"berkas '{branding.Logo}' tidak ada di folder regensi.");
            }

            var bytes = File.ReadAllBytes(logoPath);
            if (bytes.Length > MaxLogoBytes)
            {
                throw new TenantFileException(shown, "branding.logo", "logo lebih dari 512 KB.");
            }

            tenant.Branding.Logo = bytes;
            tenant.Branding.LogoContentType = contentType;
        }

        var targets = file.Targets ?? new TenantFile.TargetsSection();
        if (targets.EstimatedVulnerableWorkers is < 0)
        {
            throw new TenantFileException(shown, "targets.estimatedVulnerableWorkers", "tidak boleh negatif.");
        }

        if (targets.CoverageTargetPercent is < 0 or > 100)
        {
            throw new TenantFileException(shown, "targets.coverageTargetPercent", "harus antara 0 dan 100.");
        }

        tenant.Targets = new TenantTargets
        {
            EstimatedVulnerableWorkers = targets.EstimatedVulnerableWorkers,
            CoverageTargetPercent = targets.CoverageTargetPercent,
        };
        return new Parsed(shown, tenant, file.Rules is null ? null : ParseRules(file.Rules, shown));
    }

    private static readonly JsonSerializerOptions RulesJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static RulesVersion ParseRules(Dictionary<string, object?> section, string shown)
    {
        var values = (Dictionary<string, object?>)Normalize(section)!;
        if (!values.Remove("effectiveFrom", out var effective) || !DateOnly.TryParseExact(effective as string, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var effectiveFrom))
        {
            throw new TenantFileException(shown, "rules.effectiveFrom", "wajib diisi dengan format YYYY-MM-DD.");
        }

        ProgrammeRules rules;
        try
        {
            rules = JsonSerializer.Deserialize<ProgrammeRules>(JsonSerializer.Serialize(values, RulesJson), RulesJson)!;
        }
        catch (JsonException e)
        {
            var field = "rules" + (e.Path ?? "").TrimStart('$');
            var reason = e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "kolom tidak dikenal."
                : "nilainya tidak sesuai jenisnya (angka, tanggal YYYY-MM-DD, ya/tidak, atau pilihan yang dikenal).";
            throw new TenantFileException(shown, field, reason);
        }

        var error = RulesValidator.Validate(rules, effectiveFrom, today: null, OccupationCatalog.Standard, TariffSchedule.Standard.Versions[^1].MinimumDeclaredIncome) is [var first, ..] ? first : null;
        if (error is not null)
        {
            throw new TenantFileException(shown, "rules." + char.ToLowerInvariant(error.Field[0]) + error.Field[1..], error.Message);
        }

        return new RulesVersion { Version = 1, Status = RulesStatus.Published, EffectiveFrom = effectiveFrom, Rules = rules };
    }

    /// <summary>YAML maps come as object-keyed dictionaries; JSON wants string keys.</summary>
    private static object? Normalize(object? value) => value switch
    {
        IDictionary<object, object?> map => map.ToDictionary(kv => Convert.ToString(kv.Key, System.Globalization.CultureInfo.InvariantCulture)!, kv => Normalize(kv.Value)),
        IDictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => Normalize(kv.Value)),
        IEnumerable<object?> list when value is not string => list.Select(Normalize).ToList(),
        // YAML scalars arrive as text: give booleans and whole numbers their JSON types.
        string text when text is "true" or "false" => text == "true",
        // A leading zero means an identifier (a phone number, a code), never a number.
        string text when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && (text == "0" || !text.StartsWith('0')) => number,
        _ => value,
    };

    private static string Colour(string? value, string field, string fallback, string shown)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return ColourPattern().IsMatch(value.Trim())
            ? value.Trim().ToLowerInvariant()
            : throw new TenantFileException(shown, field, $"'{value}' bukan warna #rrggbb.");
    }

    private static string ShownPath(string path)
    {
        var parts = Path.GetFullPath(path).Split(Path.DirectorySeparatorChar);
        return string.Join('/', parts.Skip(Math.Max(0, parts.Length - 3)));
    }

    /// <summary>tenants/ beside the running app, or the repository's, found by walking up.</summary>
    public static string? FindDirectory(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tenants");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColourPattern();

    [GeneratedRegex("Property '([^']+)' not found")]
    private static partial Regex PropertyNotFound();
}
