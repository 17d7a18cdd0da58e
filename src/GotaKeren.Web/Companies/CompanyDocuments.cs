using GotaKeren.Templating;
using GotaKeren.Templating.Documents;
using GotaKeren.Web.Data;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Documents;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Companies;

/// <summary>The award (piagam penghargaan) of a company that fulfilled a pledge, signed for the regent, with QR verification.</summary>
public sealed class CompanyDocuments(AppDbContext db, DocumentService documents, CompanyDesk desk, RulesInForce inForce, TenantContext scope)
{
    public const string AwardKind = "company-award";

    public async Task<byte[]?> AwardAsync(Guid companyId, string baseUrl, CancellationToken ct)
    {
        var company = await db.Companies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == companyId, ct);
        var rules = await inForce.CurrentAsync(ct);
        var fulfilled = (await desk.PledgesAsync(companyId, ct)).Where(p => p.Status == PledgeStatus.Fulfilled).ToList();
        if (company is null || rules is null || fulfilled.Count == 0)
        {
            return null;
        }

        var active = fulfilled.Max(p => p.Active);
        var url = await documents.IssueAsync(AwardKind, $"Piagam penghargaan perusahaan: {company.Name}, {active} pekerja dilindungi", baseUrl, companyId, ct);
        var tenant = scope.Tenant!;
        var letterhead = await documents.LetterheadAsync(ct);
        var model = new CompanyAwardModel(
            letterhead with { GovernmentName = rules.SignatoryTitle.ToUpperInvariant(), AgencyName = "" },
            url[(url.LastIndexOf('/') + 1)..],
            company.Name,
            "Perusahaan Peduli Pekerja Rentan",
            $"atas kepeduliannya melindungi pekerja rentan melalui program jaminan sosial ketenagakerjaan dalam gerakan {rules.MovementTitle} {tenant.Name}",
            active,
            url,
            tenant.Name.Replace("Kabupaten ", "", StringComparison.Ordinal),
            inForce.Today,
            new Signatory(rules.SignatoryName, rules.SignatoryTitle));
        return await documents.RenderPdfAsync(TemplateNames.CompanyAward, model, ct);
    }
}
