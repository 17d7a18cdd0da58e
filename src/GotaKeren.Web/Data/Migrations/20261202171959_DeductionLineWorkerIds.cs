using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GotaKeren.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeductionLineWorkerIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Lists issued before each worker's share carried the worker's id: find the worker again among the
            // line's ASN's sponsorships by the name and masked NIK the list printed, so a download of an old list
            // is in the look log of the workers it names too. A worker erased since (name and NIK scrubbed from the
            // list) is not found and keeps no id, which is what an erasure wants.
            migrationBuilder.Sql("""
                UPDATE deduction_lines l SET details = (
                  SELECT jsonb_agg(CASE WHEN d.value ->> 'workerId' IS NOT NULL THEN d.value ELSE d.value || coalesce((
                           SELECT jsonb_build_object('workerId', w.id)
                           FROM sponsorships s JOIN workers w ON w.tenant_id = s.tenant_id AND w.id = s.worker_id
                           WHERE s.tenant_id = l.tenant_id AND s.asn_id = l.asn_id AND w.full_name = d.value ->> 'worker'
                             AND left(w.nik, 4) || '**********' || right(w.nik, 2) = d.value ->> 'maskedNik'
                           ORDER BY s.created_at DESC LIMIT 1), '{}'::jsonb) END ORDER BY d.n)
                  FROM jsonb_array_elements(l.details) WITH ORDINALITY AS d(value, n))
                WHERE jsonb_typeof(l.details) = 'array' AND jsonb_array_length(l.details) > 0
                  AND EXISTS (SELECT 1 FROM jsonb_array_elements(l.details) AS e(value) WHERE e.value ->> 'workerId' IS NULL);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The ids are an addition the code reads only when present: nothing to undo.
        }
    }
}
