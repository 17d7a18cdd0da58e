using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GotaKeren.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Rollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "rollup_breakdown_months",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    dimension = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    workers_active = table.Column<int>(type: "integer", nullable: false),
                    workers_arrears = table.Column<int>(type: "integer", nullable: false),
                    workers_lapsed = table.Column<int>(type: "integer", nullable: false),
                    owed = table.Column<long>(type: "bigint", nullable: false),
                    paid = table.Column<long>(type: "bigint", nullable: false),
                    refreshed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rollup_breakdown_months", x => new { x.tenant_id, x.month, x.dimension, x.code });
                });

            migrationBuilder.CreateTable(
                name: "rollup_regency_months",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    asn_active = table.Column<int>(type: "integer", nullable: false),
                    asn_obliged = table.Column<int>(type: "integer", nullable: false),
                    asn_participating = table.Column<int>(type: "integer", nullable: false),
                    asn_compliant = table.Column<int>(type: "integer", nullable: false),
                    workers_required = table.Column<int>(type: "integer", nullable: false),
                    opd_units = table.Column<int>(type: "integer", nullable: false),
                    opd_units_taking_part = table.Column<int>(type: "integer", nullable: false),
                    workers_active = table.Column<int>(type: "integer", nullable: false),
                    workers_arrears = table.Column<int>(type: "integer", nullable: false),
                    workers_lapsed = table.Column<int>(type: "integer", nullable: false),
                    estimate = table.Column<int>(type: "integer", nullable: true),
                    target_percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    companies_verified = table.Column<int>(type: "integer", nullable: false),
                    companies_pledged = table.Column<int>(type: "integer", nullable: false),
                    companies_fulfilled = table.Column<int>(type: "integer", nullable: false),
                    workers_billed = table.Column<int>(type: "integer", nullable: false),
                    owed = table.Column<long>(type: "bigint", nullable: false),
                    paid = table.Column<long>(type: "bigint", nullable: false),
                    paid_by_deduction = table.Column<long>(type: "bigint", nullable: false),
                    remitted = table.Column<long>(type: "bigint", nullable: false),
                    confirmed = table.Column<long>(type: "bigint", nullable: false),
                    paid_to_date = table.Column<long>(type: "bigint", nullable: false),
                    benefits = table.Column<int>(type: "integer", nullable: false),
                    benefits_amount = table.Column<long>(type: "bigint", nullable: false),
                    benefits_to_date = table.Column<int>(type: "integer", nullable: false),
                    benefits_amount_to_date = table.Column<long>(type: "bigint", nullable: false),
                    refreshed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rollup_regency_months", x => new { x.tenant_id, x.month });
                });

            migrationBuilder.CreateTable(
                name: "rollup_unit_months",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    opd_id = table.Column<Guid>(type: "uuid", nullable: false),
                    opd_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    asn_active = table.Column<int>(type: "integer", nullable: false),
                    asn_obliged = table.Column<int>(type: "integer", nullable: false),
                    asn_participating = table.Column<int>(type: "integer", nullable: false),
                    asn_compliant = table.Column<int>(type: "integer", nullable: false),
                    workers_required = table.Column<int>(type: "integer", nullable: false),
                    workers_protected = table.Column<int>(type: "integer", nullable: false),
                    owed = table.Column<long>(type: "bigint", nullable: false),
                    paid = table.Column<long>(type: "bigint", nullable: false),
                    refreshed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rollup_unit_months", x => new { x.tenant_id, x.month, x.opd_id });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rollup_breakdown_months");

            migrationBuilder.DropTable(
                name: "rollup_regency_months");

            migrationBuilder.DropTable(
                name: "rollup_unit_months");
        }
    }
}
