using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GotaKeren.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class StatementReturnAndLetterReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "statement_resubmitted_at",
                table: "sponsorships",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "statement_return_reason",
                table: "sponsorships",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "statement_returned_at",
                table: "sponsorships",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "statement_returned_by",
                table: "sponsorships",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_notes",
                table: "rules_versions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "reviewed_at",
                table: "rules_versions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reviewed_by",
                table: "rules_versions",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "submitted_at",
                table: "rules_versions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "submitted_by",
                table: "rules_versions",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "statement_resubmitted_at",
                table: "sponsorships");

            migrationBuilder.DropColumn(
                name: "statement_return_reason",
                table: "sponsorships");

            migrationBuilder.DropColumn(
                name: "statement_returned_at",
                table: "sponsorships");

            migrationBuilder.DropColumn(
                name: "statement_returned_by",
                table: "sponsorships");

            migrationBuilder.DropColumn(
                name: "review_notes",
                table: "rules_versions");

            migrationBuilder.DropColumn(
                name: "reviewed_at",
                table: "rules_versions");

            migrationBuilder.DropColumn(
                name: "reviewed_by",
                table: "rules_versions");

            migrationBuilder.DropColumn(
                name: "submitted_at",
                table: "rules_versions");

            migrationBuilder.DropColumn(
                name: "submitted_by",
                table: "rules_versions");
        }
    }
}
