using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GotaKeren.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PersonalDataRights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "reason",
                table: "audit_events",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "subject_id",
                table: "audit_events",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "subject_kind",
                table: "audit_events",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "breaches",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    discovered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    data_categories = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    affected = table.Column<int>(type: "integer", nullable: false),
                    measures = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    people_notified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    authority_notified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_breaches", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_breaches_affected", "affected >= 0");
                });

            migrationBuilder.CreateTable(
                name: "data_request_codes",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    details = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    sent_to = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    code_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    request_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_request_codes", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "data_requests",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    subject_kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    identity_check = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    details = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    outcome = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_requests", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateTable(
                name: "privacy_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    one_per_regency = table.Column<bool>(type: "boolean", nullable: false),
                    consent_evidence_months = table.Column<int>(type: "integer", nullable: false),
                    ended_sponsorship_months = table.Column<int>(type: "integer", nullable: false),
                    imported_file_days = table.Column<int>(type: "integer", nullable: false),
                    dpo_name = table.Column<string>(type: "text", nullable: true),
                    dpo_email = table.Column<string>(type: "text", nullable: true),
                    dpo_phone = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_privacy_settings", x => new { x.tenant_id, x.id });
                    table.CheckConstraint("ck_privacy_settings_consent", "consent_evidence_months BETWEEN 1 AND 240");
                    table.CheckConstraint("ck_privacy_settings_files", "imported_file_days BETWEEN 1 AND 3650");
                    table.CheckConstraint("ck_privacy_settings_sponsorship", "ended_sponsorship_months BETWEEN 1 AND 240");
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_subject",
                table: "audit_events",
                columns: new[] { "tenant_id", "subject_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_user",
                table: "audit_events",
                columns: new[] { "tenant_id", "user_name", "at" });

            migrationBuilder.CreateIndex(
                name: "ux_breaches_number",
                table: "breaches",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_data_request_codes_subject",
                table: "data_request_codes",
                columns: new[] { "tenant_id", "subject_id" });

            migrationBuilder.CreateIndex(
                name: "ix_data_requests_open",
                table: "data_requests",
                columns: new[] { "tenant_id", "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_data_requests_subject",
                table: "data_requests",
                columns: new[] { "tenant_id", "subject_id" });

            migrationBuilder.CreateIndex(
                name: "ux_data_requests_number",
                table: "data_requests",
                columns: new[] { "tenant_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_privacy_settings_one",
                table: "privacy_settings",
                columns: new[] { "tenant_id", "one_per_regency" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "breaches");

            migrationBuilder.DropTable(
                name: "data_request_codes");

            migrationBuilder.DropTable(
                name: "data_requests");

            migrationBuilder.DropTable(
                name: "privacy_settings");

            migrationBuilder.DropIndex(
                name: "ix_audit_events_subject",
                table: "audit_events");

            migrationBuilder.DropIndex(
                name: "ix_audit_events_user",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "reason",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "subject_id",
                table: "audit_events");

            migrationBuilder.DropColumn(
                name: "subject_kind",
                table: "audit_events");
        }
    }
}
