using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GotaKeren.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TwoPhaseInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "amount",
                table: "provider_events",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "applied_at",
                table: "provider_events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "attempts",
                table: "provider_events",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "provider_events",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Other");

            migrationBuilder.AddColumn<string>(
                name: "provider_payment_id",
                table: "provider_events",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reason",
                table: "provider_events",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "refunded_total",
                table: "provider_events",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "retry_at",
                table: "provider_events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "session_id",
                table: "provider_events",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            // Every event before this migration was applied as it arrived.
            migrationBuilder.Sql("UPDATE provider_events SET applied_at = received_at, attempts = 1;");

            migrationBuilder.CreateIndex(
                name: "ix_provider_events_waiting",
                table: "provider_events",
                columns: new[] { "tenant_id", "id" },
                filter: "applied_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_provider_events_waiting",
                table: "provider_events");

            migrationBuilder.DropColumn(
                name: "amount",
                table: "provider_events");

            migrationBuilder.DropColumn(
                name: "applied_at",
                table: "provider_events");

            migrationBuilder.DropColumn(
                name: "attempts",
                table: "provider_events");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "provider_events");

            migrationBuilder.DropColumn(
                name: "provider_payment_id",
                table: "provider_events");

            migrationBuilder.DropColumn(
                name: "reason",
                table: "provider_events");

            migrationBuilder.DropColumn(
                name: "refunded_total",
                table: "provider_events");

            migrationBuilder.DropColumn(
                name: "retry_at",
                table: "provider_events");

            migrationBuilder.DropColumn(
                name: "session_id",
                table: "provider_events");
        }
    }
}
