using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrustAgain.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "JournalWords",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Tag = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JournalWords", x => new { x.UserId, x.Tag });
                    table.ForeignKey(
                        name: "FK_JournalWords_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReflectionWords",
                columns: table => new
                {
                    ReflectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Tags = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReflectionWords", x => x.ReflectionId);
                    table.ForeignKey(
                        name: "FK_ReflectionWords_Reflections_ReflectionId",
                        column: x => x.ReflectionId,
                        principalTable: "Reflections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UnindexedJournals",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnindexedJournals", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_UnindexedJournals_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Journals written before the index existed are indexed in the background after start-up, and searched
            // as before until then (see Journal/SearchIndexing).
            migrationBuilder.Sql("INSERT INTO \"UnindexedJournals\" (\"UserId\") SELECT \"Id\" FROM \"AspNetUsers\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JournalWords");

            migrationBuilder.DropTable(
                name: "ReflectionWords");

            migrationBuilder.DropTable(
                name: "UnindexedJournals");
        }
    }
}
