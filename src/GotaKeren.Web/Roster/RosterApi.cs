using System.Security.Claims;
using System.Text.Json;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Organisation;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

using GotaKeren.Web.Roster.Reading;
using GotaKeren.Web.Spreadsheets;

namespace GotaKeren.Web.Roster;

public static class RosterApi
{
    public sealed record Counts(int New, int Changed, int Unchanged, int Leaving, int Invalid);

    public sealed record ImportState(Guid Id, string Status, int Progress, Counts Counts, IReadOnlyList<SheetProblem> Errors, string? Message);

    public sealed record OpdRow(Guid Id, string Name, Guid? ParentId, bool Active, int ActiveAsn, int ObligedAsn, int RequiredWorkers);

    public sealed record AsnRow(Guid Id, string? Nip, string Name, string Category, string Opd, string? Position, string? Rank, string? Echelon, bool Active, int RequiredWorkers);

    public sealed record Paged<T>(int Page, int PageSize, int Total, IReadOnlyList<T> Items);

    public static void MapRosterApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("").RequireAuthorization(Policies.RegencyAdmin);

        admin.MapPost("/roster/imports", async Task<Results<Accepted<IdResponse>, ValidationProblem>> (IFormFile? file, [FromForm] bool? fullRoster, [FromForm] bool? createMissingOpd, RosterUploads uploads, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var outcome = await uploads.StartAsync(file, fullRoster ?? false, createMissingOpd ?? false, user.Identity!.Name!, ct);
                return outcome.Id is { } id
                    ? TypedResults.Accepted($"roster/imports/{id}", new IdResponse(id))
                    : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [outcome.Error!] });
            })
            .DisableAntiforgery()
            .WithName("StartRosterImport")
            .WithSummary("Unggah roster ASN (XLSX/CSV); pratinjau berjalan di latar belakang");

        admin.MapGet("/roster/imports/{id:guid}", async Task<Results<Ok<ImportState>, NotFound>> (Guid id, AppDbContext db, CancellationToken ct) =>
                await db.RosterImports.AsNoTracking().Where(i => i.Id == id).FirstOrDefaultAsync(ct) is { } import
                    ? TypedResults.Ok(State(import))
                    : TypedResults.NotFound())
            .WithName("RosterImport")
            .WithSummary("Status, kemajuan, hitungan dan kesalahan sebuah impor roster");

        admin.MapPost("/roster/imports/{id:guid}/commit", async Task<Results<Accepted, ValidationProblem>> (Guid id, [FromQuery] int? deactivate, RosterUploads uploads, CancellationToken ct) =>
                await uploads.CommitAsync(id, deactivate, ct) is { } refusal
                    ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [refusal.Field] = [refusal.Message] })
                    : TypedResults.Accepted($"roster/imports/{id}"))
            .WithName("CommitRosterImport")
            .WithSummary("Simpan impor yang sudah dipratinjau (semua atau tidak sama sekali); bila ada ASN yang keluar, ?deactivate= jumlahnya");

        admin.MapPost("/roster/imports/{id:guid}/cancel", async Task<Results<Accepted, ValidationProblem>> (Guid id, RosterUploads uploads, CancellationToken ct) =>
                await uploads.CancelAsync(id, ct)
                    ? TypedResults.Accepted($"roster/imports/{id}")
                    : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["Impor ini sudah selesai atau tidak ditemukan, sehingga tidak dapat dibatalkan."] }))
            .WithName("CancelRosterImport")
            .WithSummary("Batalkan impor yang sedang berjalan, di node mana pun ia berjalan");

        admin.MapGet("/opd", async (AppDbContext db, TenantContext scope, TimeProvider time, CancellationToken ct) =>
            {
                var rules = (await db.RulesVersions.InForceAsync(time.Today(scope.Tenant!.TimeZone), ct))?.Rules;
                var units = await db.OpdUnits.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
                var asn = await db.Asn.AsNoTracking().Where(a => a.Active).Select(a => new { a.OpdId, a.Category, a.Echelon, a.Rank }).ToListAsync(ct);
                var byOpd = asn.ToLookup(a => a.OpdId, a => Obligations.Required(rules, a.Category, a.Echelon, a.Rank));
                return units.Select(o => new OpdRow(o.Id, o.Name, o.ParentId, o.Active, byOpd[o.Id].Count(), byOpd[o.Id].Count(r => r > 0), byOpd[o.Id].Sum()));
            })
            .WithName("ListOpd")
            .WithSummary("Unit kerja dengan jumlah ASN aktif, ASN yang wajib, dan jumlah pekerja yang wajib dilindungi");

        admin.MapGet("/asn", async (string? nip, Guid? opd, int? page, AppDbContext db, TenantContext scope, TimeProvider time, CancellationToken ct) =>
            {
                const int pageSize = 50;
                var rules = (await db.RulesVersions.InForceAsync(time.Today(scope.Tenant!.TimeZone), ct))?.Rules;
                var query = db.Asn.AsNoTracking();
                if (!string.IsNullOrWhiteSpace(nip))
                {
                    query = query.Where(a => a.Nip == nip.Trim());
                }

                if (opd is { } opdId)
                {
                    query = query.Where(a => a.OpdId == opdId);
                }

                var number = Protection.ProtectionApi.PageNumber(page);
                var total = await query.CountAsync(ct);
                var rows = await query.OrderBy(a => a.Name).Skip((number - 1) * pageSize).Take(pageSize)
                    .Select(a => new { a.Id, a.Nip, a.Name, a.Category, Opd = a.Opd!.Name, a.Position, a.Rank, a.Echelon, a.Active })
                    .ToListAsync(ct);
                return new Paged<AsnRow>(number, pageSize, total, [.. rows.Select(a => new AsnRow(a.Id, a.Nip, a.Name, a.Category.ToString(), a.Opd, a.Position, a.Rank, a.Echelon, a.Active,
                    a.Active ? Obligations.Required(rules, a.Category, a.Echelon, a.Rank) : 0))]);
            })
            .WithName("ListAsn")
            .WithSummary("ASN dengan kewajiban masing-masing menurut surat edaran yang berlaku");
    }

    public sealed record IdResponse(Guid Id);

    public static ImportState State(RosterImport import) => new(
        import.Id,
        import.Status switch
        {
            RosterImportStatus.Running or RosterImportStatus.Committing => "running",
            RosterImportStatus.Preview => "preview",
            RosterImportStatus.Committed => "committed",
            RosterImportStatus.Failed => "failed",
            _ => "cancelled",
        },
        import.Progress,
        new Counts(import.New, import.Changed, import.Unchanged, import.Leaving, import.Invalid),
        JsonSerializer.Deserialize<List<SheetProblem>>(import.Problems) ?? [],
        import.Message);
}
