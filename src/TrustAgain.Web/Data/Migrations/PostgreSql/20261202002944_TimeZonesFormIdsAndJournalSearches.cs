using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrustAgain.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TimeZonesFormIdsAndJournalSearches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "FormId",
                table: "Reflections",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "AspNetUsers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "JournalSearches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Ciphertext = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JournalSearches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JournalSearches_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_JournalSearches_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Reflections_UserId_FormId",
                table: "Reflections",
                columns: new[] { "UserId", "FormId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JournalSearches_SessionId",
                table: "JournalSearches",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_JournalSearches_UserId_SessionId_CreatedAt",
                table: "JournalSearches",
                columns: new[] { "UserId", "SessionId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JournalSearches");

            migrationBuilder.DropIndex(
                name: "IX_Reflections_UserId_FormId",
                table: "Reflections");

            migrationBuilder.DropColumn(
                name: "FormId",
                table: "Reflections");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "AspNetUsers");
        }
    }
}
