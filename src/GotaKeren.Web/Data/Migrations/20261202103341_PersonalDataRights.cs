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

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_subject",
                table: "audit_events",
                columns: new[] { "tenant_id", "subject_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_user",
                table: "audit_events",
                columns: new[] { "tenant_id", "user_name", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
