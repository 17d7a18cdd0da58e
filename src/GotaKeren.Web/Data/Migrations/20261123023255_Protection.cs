using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GotaKeren.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Protection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "company_id",
                table: "users",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "subject_id",
                table: "issued_documents",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "companies",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    npwp = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sector = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    village_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: true),
                    size = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    contact_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    contact_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    contact_phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    verified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    verified_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_companies", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "consent_codes",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sponsorship_id = table.Column<Guid>(type: "uuid", nullable: false),
                    worker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    code_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sent_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consent_codes", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "protected_niks",
                columns: table => new
                {
                    nik_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sponsorship_id = table.Column<Guid>(type: "uuid", nullable: false),
                    claimed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_protected_niks", x => x.nik_hash);
                });

            migrationBuilder.CreateTable(
                name: "reminder_logs",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    asn_id = table.Column<Guid>(type: "uuid", nullable: false),
                    deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    days_before = table.Column<int>(type: "integer", nullable: false),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminder_logs", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "worker_imports",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    file = table.Column<byte[]>(type: "bytea", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    @new = table.Column<int>(name: "new", type: "integer", nullable: false),
                    existing = table.Column<int>(type: "integer", nullable: false),
                    invalid = table.Column<int>(type: "integer", nullable: false),
                    problems = table.Column<string>(type: "jsonb", nullable: false),
                    message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    committed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_worker_imports", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "workers",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    nik = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    full_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: false),
                    sex = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    occupation_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    village_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    declared_income = table.Column<long>(type: "bigint", nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workers", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "pledges",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    company_id = table.Column<Guid>(type: "uuid", nullable: false),
                    workers = table.Column<int>(type: "integer", nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    period_end = table.Column<DateOnly>(type: "date", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancelled_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pledges", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_pledges_companies_tenant_id_company_id",
                        columns: x => new { x.tenant_id, x.company_id },
                        principalTable: "companies",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "consents",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    worker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    text_version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    evidence_file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    evidence_content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    evidence = table.Column<byte[]>(type: "bytea", nullable: false),
                    given_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdrawn_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    withdrawal_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consents", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_consents_workers_tenant_id_worker_id",
                        columns: x => new { x.tenant_id, x.worker_id },
                        principalTable: "workers",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sponsorships",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    worker_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sponsor_type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    asn_id = table.Column<Guid>(type: "uuid", nullable: true),
                    company_id = table.Column<Guid>(type: "uuid", nullable: true),
                    channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    statement_confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    statement_confirmed_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    activated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    end_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sponsorships", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_sponsorships_asn_tenant_id_asn_id",
                        columns: x => new { x.tenant_id, x.asn_id },
                        principalTable: "asn",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sponsorships_companies_tenant_id_company_id",
                        columns: x => new { x.tenant_id, x.company_id },
                        principalTable: "companies",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sponsorships_workers_tenant_id_worker_id",
                        columns: x => new { x.tenant_id, x.worker_id },
                        principalTable: "workers",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_kind_subject_id",
                table: "issued_documents",
                columns: new[] { "tenant_id", "kind", "subject_id" });

            migrationBuilder.CreateIndex(
                name: "ix_companies_npwp",
                table: "companies",
                columns: new[] { "tenant_id", "npwp" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_consent_codes_sponsorship_id",
                table: "consent_codes",
                columns: new[] { "tenant_id", "sponsorship_id" });

            migrationBuilder.CreateIndex(
                name: "ix_consents_tenant_id_worker_id",
                table: "consents",
                columns: new[] { "tenant_id", "worker_id" });

            migrationBuilder.CreateIndex(
                name: "ix_pledges_tenant_id_company_id",
                table: "pledges",
                columns: new[] { "tenant_id", "company_id" });

            migrationBuilder.CreateIndex(
                name: "ix_protected_niks_sponsorship_id",
                table: "protected_niks",
                column: "sponsorship_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reminder_logs_asn_id_deadline_days_before",
                table: "reminder_logs",
                columns: new[] { "tenant_id", "asn_id", "deadline", "days_before" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sponsorships_status",
                table: "sponsorships",
                columns: new[] { "tenant_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_sponsorships_tenant_id_asn_id",
                table: "sponsorships",
                columns: new[] { "tenant_id", "asn_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sponsorships_tenant_id_company_id",
                table: "sponsorships",
                columns: new[] { "tenant_id", "company_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sponsorships_worker_id",
                table: "sponsorships",
                columns: new[] { "tenant_id", "worker_id" },
                unique: true,
                filter: "status NOT IN ('Ended', 'Lapsed')");

            migrationBuilder.CreateIndex(
                name: "ix_worker_imports_uploaded_at",
                table: "worker_imports",
                columns: new[] { "tenant_id", "uploaded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_workers_name_key",
                table: "workers",
                columns: new[] { "tenant_id", "name_key" });

            migrationBuilder.CreateIndex(
                name: "ix_workers_nik",
                table: "workers",
                columns: new[] { "tenant_id", "nik" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_workers_village_code",
                table: "workers",
                columns: new[] { "tenant_id", "village_code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "consent_codes");

            migrationBuilder.DropTable(
                name: "consents");

            migrationBuilder.DropTable(
                name: "pledges");

            migrationBuilder.DropTable(
                name: "protected_niks");

            migrationBuilder.DropTable(
                name: "reminder_logs");

            migrationBuilder.DropTable(
                name: "sponsorships");

            migrationBuilder.DropTable(
                name: "worker_imports");

            migrationBuilder.DropTable(
                name: "companies");

            migrationBuilder.DropTable(
                name: "workers");

            migrationBuilder.DropIndex(
                name: "ix_issued_documents_kind_subject_id",
                table: "issued_documents");

            migrationBuilder.DropColumn(
                name: "company_id",
                table: "users");

            migrationBuilder.DropColumn(
                name: "subject_id",
                table: "issued_documents");
        }
    }
}
