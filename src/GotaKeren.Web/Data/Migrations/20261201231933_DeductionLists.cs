using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GotaKeren.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeductionLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "deduction_lists",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    opd_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lines = table.Column<int>(type: "integer", nullable: false),
                    workers = table.Column<int>(type: "integer", nullable: false),
                    total = table.Column<long>(type: "bigint", nullable: false),
                    issued_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reconciled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deduction_lists", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_deduction_lists_opd_units_tenant_id_opd_id",
                        columns: x => new { x.tenant_id, x.opd_id },
                        principalTable: "opd_units",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deduction_lines",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    list_id = table.Column<Guid>(type: "uuid", nullable: false),
                    asn_id = table.Column<Guid>(type: "uuid", nullable: false),
                    nip = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    rank = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    workers = table.Column<int>(type: "integer", nullable: false),
                    first_month = table.Column<DateOnly>(type: "date", nullable: false),
                    last_month = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    details = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deduction_lines", x => new { x.tenant_id, x.list_id, x.asn_id });
                    table.ForeignKey(
                        name: "fk_deduction_lines_asn_tenant_id_asn_id",
                        columns: x => new { x.tenant_id, x.asn_id },
                        principalTable: "asn",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_deduction_lines_deduction_lists_tenant_id_list_id",
                        columns: x => new { x.tenant_id, x.list_id },
                        principalTable: "deduction_lists",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "deduction_results",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    list_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    file = table.Column<byte[]>(type: "bytea", nullable: false),
                    file_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    rows = table.Column<string>(type: "jsonb", nullable: false),
                    problems = table.Column<string>(type: "jsonb", nullable: false),
                    message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    deducted = table.Column<long>(type: "bigint", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    committed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deduction_results", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_deduction_results_deduction_lists_tenant_id_list_id",
                        columns: x => new { x.tenant_id, x.list_id },
                        principalTable: "deduction_lists",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_deduction_lines_list_id_nip",
                table: "deduction_lines",
                columns: new[] { "tenant_id", "list_id", "nip" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_deduction_lines_tenant_id_asn_id",
                table: "deduction_lines",
                columns: new[] { "tenant_id", "asn_id" });

            migrationBuilder.CreateIndex(
                name: "ix_deduction_lists_month_opd_id",
                table: "deduction_lists",
                columns: new[] { "tenant_id", "month", "opd_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_deduction_lists_tenant_id_opd_id",
                table: "deduction_lists",
                columns: new[] { "tenant_id", "opd_id" });

            migrationBuilder.CreateIndex(
                name: "ix_deduction_results_list_id",
                table: "deduction_results",
                columns: new[] { "tenant_id", "list_id" },
                unique: true,
                filter: "status = 'Committed'");

            migrationBuilder.CreateIndex(
                name: "ix_deduction_results_list_id_file_hash",
                table: "deduction_results",
                columns: new[] { "tenant_id", "list_id", "file_hash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deduction_lines");

            migrationBuilder.DropTable(
                name: "deduction_results");

            migrationBuilder.DropTable(
                name: "deduction_lists");
        }
    }
}
