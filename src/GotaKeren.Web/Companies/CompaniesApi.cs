using System.Security.Claims;
using GotaKeren.Web.Api;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Companies;

public static class CompaniesApi
{
    public sealed record CompanyRequest(string? Name, string? Npwp, string? Sector, string? Address, string? VillageCode, CompanySize? Size,
        string? ContactName, string? ContactEmail, string? ContactPhone);

    public sealed record CompanyRow(Guid Id, string Name, string Npwp, string Sector, string Address, string? VillageCode, CompanySize Size,
        string ContactName, string ContactEmail, string? ContactPhone, CompanyStatus Status, string? StatusNote, int MinimumWorkers);

    public sealed record VerifyRequest(bool Approve, string? Note);

    public sealed record PledgeRequest(int? Workers, DateOnly? PeriodStart, DateOnly? PeriodEnd, DateOnly? DueDate);

    public static void MapCompaniesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").RequireAuthorization(Policies.Protection);

        group.MapPost("/companies", async Task<Results<Created<CompanyRow>, ProblemHttpResult, ForbidHttpResult>> (CompanyRequest request, CompanyDesk desk, RulesInForce inForce, AppDbContext db, UserManager<AppUser> users, ClaimsPrincipal user, CurrentActor current, CancellationToken ct) =>
            {
                var actor = await current.GetAsync(ct);
                var officer = user.IsInRole(Roles.CompanyOfficer);
                if (!actor.IsAdmin && !(officer && actor.CompanyId is null))
                {
                    return TypedResults.Forbid();
                }

                var outcome = await desk.RegisterAsync(new CompanyInput(request.Name, request.Npwp, request.Sector, request.Address, request.VillageCode, request.Size,
                    request.ContactName, request.ContactEmail, request.ContactPhone), actor.UserName, ct);
                if (!outcome.Succeeded)
                {
                    return ApiProblems.Unprocessable(outcome.Errors);
                }

                if (!actor.IsAdmin && actor.UserId is { } userId && await users.FindByIdAsync(userId.ToString()) is { } account)
                {
                    account.CompanyId = outcome.Value!.Id;
                    if (!(await users.UpdateAsync(account)).Succeeded)
                    {
                        return ApiProblems.Unprocessable(new Dictionary<string, string[]> { ["account"] = ["Perusahaan terdaftar, tetapi akun Anda belum terhubung dengannya. Hubungi Disnaker."] });
                    }
                }

                return TypedResults.Created($"companies/{outcome.Value!.Id}", Row(outcome.Value!, await inForce.CurrentAsync(ct)));
            })
            .WithName("RegisterCompany")
            .WithSummary("Daftarkan perusahaan peserta CSR (NPWP 15 atau 16 digit); menunggu verifikasi Disnaker");

        group.MapGet("/companies", async (CompanyStatus? status, RulesInForce inForce, AppDbContext db, ClaimsPrincipal user, CurrentActor current, CancellationToken ct) =>
            {
                var actor = await current.GetAsync(ct);
                var query = db.Companies.AsNoTracking();
                if (!actor.IsAdmin)
                {
                    query = query.Where(c => c.Id == actor.CompanyId);
                }

                if (status is { } wanted)
                {
                    query = query.Where(c => c.Status == wanted);
                }

                var rules = await inForce.CurrentAsync(ct);
                // A contact whose processing is restricted (UU 27/2022) is masked in the list handed out; the company stays.
                return (await query.OrderBy(c => c.Name).ToListAsync(ct)).Select(c => Row(MaskRestrictedContact(c), rules)).ToList();
            })
            .WithName("ListCompanies")
            .WithSummary("Perusahaan: semua (admin kabupaten) atau perusahaan sendiri");

        group.MapPost("/companies/{id:guid}/verify", async Task<Results<Ok<CompanyRow>, ProblemHttpResult>> (Guid id, VerifyRequest request, CompanyDesk desk, RulesInForce inForce, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var outcome = await desk.VerifyAsync(id, request.Approve, request.Note, user.Identity!.Name!, ct);
                return outcome.Succeeded ? TypedResults.Ok(Row(outcome.Value!, await inForce.CurrentAsync(ct))) : ApiProblems.Unprocessable(outcome.Errors);
            })
            .RequireAuthorization(Policies.RegencyAdmin)
            .WithName("VerifyCompany")
            .WithSummary("Verifikasi (atau tolak, dengan alasan) perusahaan yang mendaftar");

        group.MapPost("/companies/{id:guid}/pledges", async Task<Results<Created<PledgeProgress>, ProblemHttpResult>> (Guid id, PledgeRequest request, CompanyDesk desk, AppDbContext db, ClaimsPrincipal user, CurrentActor current, CancellationToken ct) =>
            {
                var outcome = await desk.PledgeAsync(id, new PledgeInput(request.Workers, request.PeriodStart, request.PeriodEnd, request.DueDate), await current.GetAsync(ct), ct);
                return outcome.Succeeded
                    ? TypedResults.Created($"companies/{id}/pledges/{outcome.Value!.Id}", (await desk.PledgesAsync(id, ct)).First(p => p.Id == outcome.Value!.Id))
                    : ApiProblems.Unprocessable(outcome.Errors);
            })
            .WithName("PledgeWorkers")
            .WithSummary("Komitmen perusahaan melindungi sejumlah pekerja (sekurang-kurangnya batas surat edaran) untuk satu periode");

        group.MapGet("/companies/{id:guid}/pledges", async Task<Results<Ok<IReadOnlyList<PledgeProgress>>, NotFound>> (Guid id, CompanyDesk desk, AppDbContext db, ClaimsPrincipal user, CurrentActor current, CancellationToken ct) =>
            {
                var actor = await current.GetAsync(ct);
                return actor.IsAdmin || actor.CompanyId == id ? TypedResults.Ok(await desk.PledgesAsync(id, ct)) : TypedResults.NotFound();
            })
            .WithName("ListPledges")
            .WithSummary("Komitmen perusahaan dengan statusnya: menunggu, berjalan, terlambat, terpenuhi, dibatalkan");

        group.MapPost("/pledges/{id:guid}/cancel", async Task<Results<Ok, ProblemHttpResult>> (Guid id, CompanyDesk desk, AppDbContext db, ClaimsPrincipal user, CurrentActor current, CancellationToken ct) =>
            {
                var outcome = await desk.CancelPledgeAsync(id, await current.GetAsync(ct), ct);
                return outcome.Succeeded ? TypedResults.Ok() : ApiProblems.Unprocessable(outcome.Errors);
            })
            .WithName("CancelPledge")
            .WithSummary("Batalkan komitmen");
    }

    public const string RestrictedContact = "(dibatasi)";

    private static Company MaskRestrictedContact(Company c)
    {
        if (c.ContactRestrictedAt is not null)
        {
            (c.ContactName, c.ContactEmail, c.ContactPhone) = (RestrictedContact, RestrictedContact, null);
        }

        return c;
    }

    private static CompanyRow Row(Company c, ProgrammeRules? rules) => new(c.Id, c.Name, c.Npwp, c.Sector, c.Address, c.VillageCode, c.Size, c.ContactName,
        c.ContactEmail, c.ContactPhone, c.Status, c.StatusNote, rules is null ? 0 : CompanyDesk.MinimumWorkers(rules, c.Size));
}
