using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GotaKeren.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class BpjsExchange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "kpj",
                table: "workers",
                type: "character varying(11)",
                maxLength: 11,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "kpj_since",
                table: "workers",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "bpjs_confirmed_amount",
                table: "dues",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "bpjs_confirmed_on",
                table: "dues",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "bpjs_files",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    file = table.Column<byte[]>(type: "bytea", nullable: false),
                    file_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    rows = table.Column<int>(type: "integer", nullable: false),
                    applicable = table.Column<int>(type: "integer", nullable: false),
                    unchanged = table.Column<int>(type: "integer", nullable: false),
                    problems = table.Column<string>(type: "text", nullable: false),
                    mismatches = table.Column<string>(type: "text", nullable: false),
                    changes = table.Column<string>(type: "text", nullable: false),
                    message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    uploaded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    committed_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    committed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bpjs_files", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "bpjs_remittances",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    remitted_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bpjs_remittances", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_bpjs_remittances_amount", "amount > 0");
                });

            migrationBuilder.CreateTable(
                name: "bpjs_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    one_per_regency = table.Column<bool>(type: "boolean", nullable: false),
                    registration_columns = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bpjs_settings", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_workers_kpj",
                table: "workers",
                columns: new[] { "tenant_id", "kpj" },
                unique: true,
                filter: "kpj IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_bpjs_files_kind_file_hash",
                table: "bpjs_files",
                columns: new[] { "tenant_id", "kind", "file_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bpjs_files_uploaded_at",
                table: "bpjs_files",
                columns: new[] { "tenant_id", "uploaded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_bpjs_remittances_month",
                table: "bpjs_remittances",
                columns: new[] { "tenant_id", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bpjs_settings_one_per_regency",
                table: "bpjs_settings",
                columns: new[] { "tenant_id", "one_per_regency" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bpjs_files");

            migrationBuilder.DropTable(
                name: "bpjs_remittances");

            migrationBuilder.DropTable(
                name: "bpjs_settings");

            migrationBuilder.DropIndex(
                name: "ix_workers_kpj",
                table: "workers");

            migrationBuilder.DropColumn(
                name: "kpj",
                table: "workers");

            migrationBuilder.DropColumn(
                name: "kpj_since",
                table: "workers");

            migrationBuilder.DropColumn(
                name: "bpjs_confirmed_amount",
                table: "dues");

            migrationBuilder.DropColumn(
                name: "bpjs_confirmed_on",
                table: "dues");
        }
    }
}
