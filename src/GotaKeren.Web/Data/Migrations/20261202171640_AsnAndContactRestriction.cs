using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GotaKeren.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AsnAndContactRestriction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "contact_restricted_at",
                table: "companies",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "contact_restricted_by_request_id",
                table: "companies",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "restricted_at",
                table: "asn",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "restricted_by_request_id",
                table: "asn",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "contact_restricted_at",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "contact_restricted_by_request_id",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "restricted_at",
                table: "asn");

            migrationBuilder.DropColumn(
                name: "restricted_by_request_id",
                table: "asn");
        }
    }
}
