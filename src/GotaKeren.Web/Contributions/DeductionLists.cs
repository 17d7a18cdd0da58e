using System.Text.Json;
using GotaKeren.Templating;
using GotaKeren.Templating.Documents;
using GotaKeren.Web.Data;
using GotaKeren.Web.Documents;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace GotaKeren.Web.Contributions;

/// <summary>A list as people read it: the list and its lines.</summary>
public sealed record DeductionSheet(DeductionList List, string OpdName, string? HeadName, IReadOnlyList<DeductionLine> Lines)
{
    public static IReadOnlyList<DeductionDetail> DetailsOf(DeductionLine line) =>
        JsonSerializer.Deserialize<List<DeductionDetail>>(line.Details, JsonSerializerOptions.Web) ?? [];
}

/// <summary>
/// Issues each unit's salary-deduction list for a month, once (by the unique (month, unit) key), in two
/// set-based statements: the lists, then their lines grouped by ASN from the open months of their
/// salary-deduction workers. Lists are locked from then on: a change after the cut-off goes on next month's.
/// </summary>
public sealed class DeductionLists(AppDbContext db, TenantContext scope, TimeProvider time, DocumentService documents)
{
    public DateOnly Today => time.Today(scope.Tenant!.TimeZone);

    /// <summary>The coverage month whose list is being prepared today: next month, since the cut-off is in the month before.</summary>
    public DateOnly UpcomingMonth => MonthlyRun.MonthOf(Today).AddMonths(1);

    /// <summary>Issues the month's lists for every unit with salary deductions (or one unit); returns how many were new.</summary>
    public async Task<int> IssueAsync(DateOnly month, Guid? opdId, string by, CancellationToken ct)
    {
        var tenant = scope.Tenant!.Id;
        // A regency's whole month in two statements: give them the time a batch needs, not a page's.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var issued = await db.Database.SqlQuery<Guid>($"""
            INSERT INTO deduction_lists (tenant_id, id, month, opd_id, lines, workers, total, issued_by, issued_at)
            SELECT DISTINCT {tenant}, gen_random_uuid(), {month}, a.opd_id, 0, 0, 0, {by}, now()
            FROM dues d
            JOIN sponsorships s ON s.tenant_id = d.tenant_id AND s.id = d.sponsorship_id
            JOIN asn a ON a.tenant_id = s.tenant_id AND a.id = s.asn_id
            WHERE d.tenant_id = {tenant} AND s.channel = 'SalaryDeduction' AND s.status = 'Active'
              AND d.paid < d.amount AND d.month <= {month} AND ({opdId}::uuid IS NULL OR a.opd_id = {opdId}::uuid)
            ON CONFLICT (tenant_id, month, opd_id) DO NOTHING
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        if (issued.Count > 0)
        {
            await db.Database.ExecuteSqlAsync($"""
                WITH lists AS (
                  -- A month still on an earlier list whose result is not in yet is not listed again: payroll would deduct it twice.
                  SELECT l.id, l.opd_id, l.month,
                         coalesce((SELECT max(e.month) FROM deduction_lists e
                                   WHERE e.tenant_id = {tenant} AND e.opd_id = l.opd_id AND e.month < l.month AND e.reconciled_at IS NULL), '-infinity'::date) AS after
                  FROM deduction_lists l WHERE l.tenant_id = {tenant} AND l.id = ANY({issued.ToArray()})
                ), per_worker AS (
                  -- Per sponsorship, its open months by the index on (sponsorship, month): the plan stays right even
                  -- when the statistics have not seen the month's new dues yet.
                  SELECT l.id AS list_id, s.asn_id, s.worker_id, x.first_month, x.last_month, x.months, x.amount
                  FROM lists l
                  JOIN asn a ON a.tenant_id = {tenant} AND a.opd_id = l.opd_id
                  JOIN sponsorships s ON s.tenant_id = {tenant} AND s.asn_id = a.id AND s.channel = 'SalaryDeduction' AND s.status = 'Active'
                  CROSS JOIN LATERAL (
                    SELECT min(d.month) AS first_month, max(d.month) AS last_month, count(*) AS months, sum(d.amount - d.paid) AS amount
                    FROM dues d
                    WHERE d.tenant_id = {tenant} AND d.sponsorship_id = s.id AND d.month <= l.month AND d.month > l.after AND d.paid < d.amount
                  ) x
                  WHERE x.months > 0
                ), described AS (
                  SELECT p.*, coalesce(a.nip, a.nik) AS nip, a.name, a.rank, w.full_name, w.nik,
                         (SELECT c.id FROM consents c WHERE c.tenant_id = w.tenant_id AND c.worker_id = w.id AND c.withdrawn_at IS NULL ORDER BY c.given_at DESC LIMIT 1) AS consent
                  FROM per_worker p
                  JOIN asn a ON a.tenant_id = {tenant} AND a.id = p.asn_id
                  JOIN workers w ON w.tenant_id = {tenant} AND w.id = p.worker_id
                )
                INSERT INTO deduction_lines (tenant_id, list_id, asn_id, nip, name, rank, workers, first_month, last_month, amount, details)
                SELECT {tenant}, list_id, asn_id, nip, name, rank, count(*), min(first_month), max(last_month), sum(amount),
                       jsonb_agg(jsonb_build_object(
                         'workerId', worker_id,
                         'worker', full_name,
                         'maskedNik', left(nik, 4) || '**********' || right(nik, 2),
                         'consent', CASE WHEN consent IS NULL THEN NULL ELSE 'PSJ-' || upper(left(replace(consent::text, '-', ''), 8)) END,
                         'months', months, 'amount', amount) ORDER BY full_name)
                FROM described
                WHERE nip IS NOT NULL
                GROUP BY list_id, asn_id, nip, name, rank
                """, ct);
            await db.Database.ExecuteSqlAsync($"""
                UPDATE deduction_lists l SET lines = t.lines, workers = t.workers, total = t.total
                FROM (SELECT list_id, count(*)::int AS lines, sum(workers)::int AS workers, sum(amount) AS total
                      FROM deduction_lines WHERE tenant_id = {tenant} AND list_id = ANY({issued.ToArray()}) GROUP BY list_id) t
                WHERE l.tenant_id = {tenant} AND l.id = t.list_id
                """, ct);
        }

        await transaction.CommitAsync(ct);
        return issued.Count;
    }

    /// <summary>
    /// Everyone a list names, for its download's look log (UU PDP): the ASN of each line and every worker in its
    /// details. Lists issued before the details carried the worker's id were given it by the migration
    /// DeductionLineWorkerIds where the worker could be found again; a worker erased since keeps no id there.
    /// </summary>
    public static FormattableString PeopleNamedIn(Guid listId) => $"""
        SELECT l.asn_id, {Audit.LookSubjects.Asn}::text FROM deduction_lines l WHERE l.list_id = {listId}
        UNION ALL
        SELECT (d.value ->> 'workerId')::uuid, {Audit.LookSubjects.Worker}::text
        FROM deduction_lines l CROSS JOIN LATERAL jsonb_array_elements(l.details) AS d(value)
        WHERE l.list_id = {listId} AND d.value ->> 'workerId' IS NOT NULL
        """;

    public async Task<DeductionSheet?> SheetAsync(DateOnly month, Guid opdId, CancellationToken ct)
    {
        var list = await db.DeductionLists.AsNoTracking().Include(l => l.Opd).FirstOrDefaultAsync(l => l.Month == month && l.OpdId == opdId, ct);
        if (list is null)
        {
            return null;
        }

        var lines = await db.DeductionLines.AsNoTracking().Where(l => l.ListId == list.Id).OrderBy(l => l.Name).ThenBy(l => l.Nip).ToListAsync(ct);
        return new DeductionSheet(list, list.Opd!.Name, list.Opd.HeadName, lines);
    }

    /// <summary>The list as a spreadsheet for payroll: one row per ASN, the workers masked, a total row.</summary>
    public static async Task<MemoryStream> XlsxAsync(DeductionSheet sheet, CancellationToken ct)
    {
        var rows = sheet.Lines.Select((l, i) => new Dictionary<string, object?>
        {
            ["No"] = i + 1,
            ["NIP"] = l.Nip,
            ["Nama"] = l.Name,
            ["Unit Kerja"] = sheet.OpdName,
            ["Golongan"] = l.Rank,
            ["Jumlah Pekerja"] = l.Workers,
            ["Bulan"] = Months(l),
            ["Potongan"] = l.Amount,
            ["Pekerja (NIK disamarkan)"] = string.Join("; ", DeductionSheet.DetailsOf(l).Select(d => $"{d.Worker} ({d.MaskedNik})")),
            ["Referensi Persetujuan"] = string.Join("; ", DeductionSheet.DetailsOf(l).Select(d => d.Consent ?? "-")),
        }).ToList();
        rows.Add(new Dictionary<string, object?>
        {
            ["No"] = null, ["NIP"] = null, ["Nama"] = "JUMLAH", ["Unit Kerja"] = null, ["Golongan"] = null,
            ["Jumlah Pekerja"] = sheet.Lines.Sum(l => l.Workers), ["Bulan"] = null, ["Potongan"] = sheet.Lines.Sum(l => l.Amount),
            ["Pekerja (NIK disamarkan)"] = null, ["Referensi Persetujuan"] = null,
        });
        var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: "Daftar Potongan", cancellationToken: ct);
        stream.Position = 0;
        return stream;
    }

    /// <summary>The list as the regency's template prints it, with the signature blocks of the head of unit and the treasurer.</summary>
    public async Task<byte[]> PdfAsync(DeductionSheet sheet, string? treasurerName, CancellationToken ct)
    {
        var rules = (await db.RulesVersions.InForceAsync(sheet.List.Month, ct))?.Rules ?? new ProgrammeRules();
        var place = scope.Tenant!.Name.Replace("Kabupaten ", "", StringComparison.Ordinal);
        var model = new DeductionListModel(
            await documents.LetterheadAsync(ct),
            sheet.OpdName,
            sheet.List.Month,
            [.. sheet.Lines.Select(l => new DeductionRow(l.Name, l.Nip, l.Rank, l.Workers, ProgrammeRules.Label(rules.Package), l.Amount,
                $"{Months(l)}; " + string.Join("; ", DeductionSheet.DetailsOf(l).Select(d => $"{d.Worker} {d.MaskedNik}{(d.Consent is null ? "" : " " + d.Consent)}"))))],
            new Signatory(treasurerName ?? "........................", $"Bendahara Pengeluaran {sheet.OpdName}"),
            new Signatory(sheet.HeadName ?? "........................", $"Kepala {sheet.OpdName}"),
            place,
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(sheet.List.IssuedAt, TimeZoneInfo.FindSystemTimeZoneById(scope.Tenant.TimeZone)).DateTime));
        return await documents.RenderPdfAsync(TemplateNames.DeductionList, model, ct);
    }

    public static string Months(DeductionLine line) =>
        line.FirstMonth == line.LastMonth ? Shell.Formats.Month(line.FirstMonth) : $"{Shell.Formats.Month(line.FirstMonth)} – {Shell.Formats.Month(line.LastMonth)}";
}
