using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GotaKeren.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class OneDecisionOnePledgeOneCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_pledges_tenant_id_company_id",
                table: "pledges");

            // Duplicates that parallel clicks left before these indexes: the first pledge of a company and period
            // stays, later twins are cancelled (never deleted, payments may name them); of open codes the newest stays.
            migrationBuilder.Sql("""
                UPDATE pledges p SET cancelled_at = now(), cancelled_by = 'migrasi: komitmen ganda'
                WHERE p.cancelled_at IS NULL AND EXISTS (
                  SELECT 1 FROM pledges q WHERE q.tenant_id = p.tenant_id AND q.company_id = p.company_id AND q.period_start = p.period_start
                    AND q.cancelled_at IS NULL AND (q.created_at, q.id) < (p.created_at, p.id));
                DELETE FROM consent_codes c
                WHERE c.used_at IS NULL AND EXISTS (
                  SELECT 1 FROM consent_codes d WHERE d.tenant_id = c.tenant_id AND d.sponsorship_id = c.sponsorship_id
                    AND d.used_at IS NULL AND (d.sent_at, d.id) > (c.sent_at, c.id));
                """);

            migrationBuilder.CreateIndex(
                name: "ix_pledges_one_live_per_start",
                table: "pledges",
                columns: new[] { "tenant_id", "company_id", "period_start" },
                unique: true,
                filter: "cancelled_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_consent_codes_one_open",
                table: "consent_codes",
                columns: new[] { "tenant_id", "sponsorship_id" },
                unique: true,
                filter: "used_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_pledges_one_live_per_start",
                table: "pledges");

            migrationBuilder.DropIndex(
                name: "ix_consent_codes_one_open",
                table: "consent_codes");

            migrationBuilder.CreateIndex(
                name: "ix_pledges_tenant_id_company_id",
                table: "pledges",
                columns: new[] { "tenant_id", "company_id" });
        }
    }
}
