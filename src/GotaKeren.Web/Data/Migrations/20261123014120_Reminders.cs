using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GotaKeren.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Reminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_workers_village_code",
                table: "workers");

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

            migrationBuilder.CreateIndex(
                name: "ix_workers_village_code",
                table: "workers",
                columns: new[] { "tenant_id", "village_code" })
                .Annotation("Npgsql:IndexOperators", new[] { null, "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_reminder_logs_asn_id_deadline_days_before",
                table: "reminder_logs",
                columns: new[] { "tenant_id", "asn_id", "deadline", "days_before" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reminder_logs");

            migrationBuilder.DropIndex(
                name: "ix_workers_village_code",
                table: "workers");

            migrationBuilder.CreateIndex(
                name: "ix_workers_village_code",
                table: "workers",
                columns: new[] { "tenant_id", "village_code" });
        }
    }
}
