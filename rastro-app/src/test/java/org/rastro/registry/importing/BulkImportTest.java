package org.rastro.registry.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.rastro.support.Api;
import org.rastro.support.Browser;
import org.rastro.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** The bulk import path through the real API: all or nothing, idempotent, every bad row named. */
class BulkImportTest extends IntegrationTest {

    /** Unique per test run, so the tests also hold on an external database that already has data. */
    private final String run =
            Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).toUpperCase();

    private Api.Response importCsv(String entity, String csv) {
        Api api = api();
        return api.post("/api/v1/imports/" + entity, api.token("registro"), "text/csv", csv);
    }

    @Test
    void aFileWithOneMalformedRowIsRejectedWithLineAndColumnAndImportsNothing() {
        long before = count("weapon");
        String csv = """
                serial,make,model,year,holder_code
                T%1$s-1,Colt,M4A1,2019,BI-89
                T%1$s-2,Colt,M4A1,20x9,BI-89
                T%1$s-3,Colt,M4A1,2019,BI-89
                """.formatted(run);
        Api.Response response = importCsv("weapons", csv);
        assertThat(response.status()).isEqualTo(422);
        JsonNode report = response.json();
        assertThat(report.path("status").asString()).isEqualTo("REJECTED");
        assertThat(report.path("errorCount").asLong()).isEqualTo(1);
        JsonNode error = report.path("errors").get(0);
        assertThat(error.path("line").asLong()).isEqualTo(3);
        assertThat(error.path("column").asString()).isEqualTo("year");
        assertThat(error.path("message").asString()).contains("20x9");
        assertThat(count("weapon")).isEqualTo(before);
    }

    @Test
    void importingTheSameGoodFileTwiceCreatesNoDuplicates() {
        String csv = """
                serial,make,model,calibre,country,year,holder_code
                T%1$s-10,Sig Sauer/Sigarms Inc.,P226,9,US,2018,ARM-ZM-22
                T%1$s 11,SIG Sauer,p226,,US,2018,ARM-ZM-22
                T%1$s-12,Beretta USA,92FS,9mm,IT,2017,BI-89
                """.formatted(run);
        long before = count("weapon");
        JsonNode first = importCsv("weapons", csv).json();
        assertThat(first.path("status").asString()).isEqualTo("IMPORTED");
        assertThat(first.path("inserted").asLong()).isEqualTo(3);
        JsonNode second = importCsv("weapons", csv).json();
        assertThat(second.path("status").asString()).isEqualTo("IMPORTED");
        assertThat(second.path("inserted").asLong()).isZero();
        assertThat(second.path("unchanged").asLong()).isEqualTo(3);
        assertThat(count("weapon")).isEqualTo(before + 3);
        // The serial as marked is kept; the normalised form drops separators.
        assertThat(jdbc.sql("select serial_as_marked from weapon where serial_normalised = :s")
                        .param("s", "T" + run + "11")
                        .query(String.class)
                        .single())
                .isEqualTo("T" + run + " 11");
    }

    @Test
    void everyBadRowIsReportedInOnePass() {
        String csv = """
                serial,make,model,calibre,holder_code
                T%1$s-20,Acme Arms,Z1,,BI-89
                T%1$s-21,Colt,Z1,,BI-89
                T%1$s-22,Colt,M4A1,762,BI-89
                T%1$s-23,Colt,M4A1,,NOPE
                T%1$s-24,Colt,M4A1,,EXP-COLT
                T%1$s-25$,Colt,M4A1,,BI-89
                T%1$s-26,Colt,M4A1,,BI-89
                T%1$s-26,Colt,M4A1,,BI-89
                only,two
                """.formatted(run);
        JsonNode report = importCsv("weapons", csv).json();
        assertThat(report.path("status").asString()).isEqualTo("REJECTED");
        assertThat(report.path("errors")
                        .valueStream()
                        .map(e -> e.path("line").asLong() + ":"
                                + (e.path("column").isString()
                                        ? e.path("column").asString()
                                        : "")))
                .containsExactly(
                        "2:make",
                        "3:model",
                        "4:calibre",
                        "5:holder_code",
                        "6:holder_code",
                        "7:serial",
                        "9:serial",
                        "10:");
        assertThat(report.path("errors").get(2).path("message").asString()).contains("7.62x51mm NATO", "7.62 x 39");
        assertThat(report.path("errors").get(6).path("code").asString()).isEqualTo("duplicate-weapon");
        assertThat(report.path("errors").get(6).path("message").asString()).contains("línea 8");
    }

    @Test
    void aRegisteredWeaponIsNeverChangedByImport() {
        importCsv("weapons", "serial,make,model,year\nT%s-30,Glock,17,2015\n".formatted(run));
        Api.Response response = importCsv("weapons", "serial,make,model,year\nT%s-30,Glock,17,2016\n".formatted(run));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().path("errors").get(0).path("code").asString())
                .isEqualTo("weapon-conflict");
        assertThat(jdbc.sql("select year_of_manufacture from weapon where serial_normalised = :s")
                        .param("s", "T" + run + "30")
                        .query(Integer.class)
                        .single())
                .isEqualTo(2015);
    }

    @Test
    void aDeliveryBeyondTheLicensedQuantityIsRejected() {
        String licence = "TEST-" + run;
        Api.Response lic = importCsv("licences", """
                number,direction,issuing_country,issuing_authority,exporter_code,consignee_code,end_user_certificate,issued_on,line_no,make,model,quantity
                %s,EXPORT,US,U.S. Department of State DDTC,EXP-COLT,SEDENA,CUF-TEST-1,2020-01-10,1,Colt,M4A1,2
                """.formatted(licence));
        assertThat(lic.status()).as(lic.body()).isEqualTo(200);
        String three = """
                serial,make,model,licence_number,licence_line
                T%1$s-40,Colt,M4A1,%2$s,1
                T%1$s-41,Colt,M4A1,%2$s,1
                T%1$s-42,Colt,M4A1,%2$s,1
                """.formatted(run, licence);
        Api.Response rejected = importCsv("weapons", three);
        assertThat(rejected.status()).isEqualTo(422);
        JsonNode error = rejected.json().path("errors").get(0);
        assertThat(error.path("line").asLong()).isEqualTo(4);
        assertThat(error.path("code").asString()).isEqualTo("over-delivery");
        assertThat(error.path("message").asString()).contains("entrega por encima de la licencia", "ampara 2");
        assertThat(delivered(licence)).isZero();

        Api.Response two = importCsv("weapons", three.substring(0, three.lastIndexOf("T" + run + "-42")));
        assertThat(two.status()).as(two.body()).isEqualTo(200);
        assertThat(delivered(licence)).isEqualTo(2);
        // Importing the same two again is not a new delivery.
        assertThat(importCsv("weapons", three.substring(0, three.lastIndexOf("T" + run + "-42")))
                        .status())
                .isEqualTo(200);
        assertThat(delivered(licence)).isEqualTo(2);
        Api.Response wrongModel = importCsv(
                "weapons",
                "serial,make,model,licence_number,licence_line\nT%s-43,Colt,M16A2,%s,1\n".formatted(run, licence));
        assertThat(wrongModel.json().path("errors").get(0).path("code").asString())
                .isEqualTo("licence-wrong-model");
    }

    @Test
    void aRegisteredWeaponCanBeDeliveredLaterButADeliveryIsNeverMoved() {
        String licence = "TLATE-" + run;
        assertThat(importCsv("licences", """
                number,direction,issuing_country,issuing_authority,exporter_code,consignee_code,end_user_certificate,issued_on,line_no,make,model,quantity
                %1$s,EXPORT,DE,BAFA,EXP-HK,SEDENA,CUF-T,2020-01-10,1,Heckler & Koch,MP5A3,5
                %1$s,EXPORT,DE,BAFA,EXP-HK,SEDENA,CUF-T,2020-01-10,2,Heckler & Koch,MP5A3,5
                """.formatted(licence)).status()).isEqualTo(200);
        assertThat(importCsv("weapons", "serial,make,model\nT%s-50,HK,MP5A3\n".formatted(run))
                        .status())
                .isEqualTo(200);
        Api.Response later = importCsv(
                "weapons",
                "serial,make,model,licence_number,licence_line\nT%s-50,HK,MP5A3,%s,1\n".formatted(run, licence));
        assertThat(later.status()).as(later.body()).isEqualTo(200);
        assertThat(delivered(licence)).isEqualTo(1);
        Api.Response moved = importCsv(
                "weapons",
                "serial,make,model,licence_number,licence_line\nT%s-50,HK,MP5A3,%s,2\n".formatted(run, licence));
        assertThat(moved.status()).isEqualTo(422);
        assertThat(moved.json().path("errors").get(0).path("code").asString()).isEqualTo("delivery-moved");
    }

    private long delivered(String licence) {
        return jdbc.sql("""
                select ll.delivered_quantity from licence_line ll join licence l on l.id = ll.licence_id
                 where l.number = :n and ll.line_no = 1
                """).param("n", licence).query(Long.class).single();
    }

    @Test
    void organisationsMayNameParentsLaterInTheSameFileButNotLoop() {
        String ok = """
                code,name,kind,parent_code,country,cvegeo
                U%1$s-1,Unidad de prueba,UNIT,Z%1$s,MX,15106
                Z%1$s,Zona de prueba,MILITARY_ZONE,RM-01,MX,15106
                """.formatted(run);
        assertThat(importCsv("organisations", ok).status()).isEqualTo(200);
        assertThat(jdbc.sql(
                                "select p.code from organisation o join organisation p on p.id = o.parent_id where o.code = :c")
                        .param("c", "U" + run + "-1")
                        .query(String.class)
                        .single())
                .isEqualTo("Z" + run);

        String loop = """
                code,name,kind,parent_code,cvegeo
                A%1$s,A,UNIT,B%1$s,15106
                B%1$s,B,UNIT,A%1$s,15106
                C%1$s,C,UNIT,,99999
                """.formatted(run);
        JsonNode report = importCsv("organisations", loop).json();
        assertThat(report.path("status").asString()).isEqualTo("REJECTED");
        assertThat(report.path("errors").toString()).contains("parent-loop", "cvegeo-unknown", "99999");
        assertThat(count("organisation where code like 'A" + run + "%'")).isZero();
    }

    @Test
    void peopleKeepTheirNamesSealedInTheirOwnTable() {
        String csv = """
                matricula,rank,unit_code,given_names,surnames
                T%1$s1,Cabo,BI-89,Prueba,Sintética Uno
                """.formatted(run);
        assertThat(importCsv("people", csv).status()).isEqualTo(200);
        // Sealed in the table (AES-GCM: the plaintext is not in it) ...
        byte[] sealed =
                jdbc.sql("""
                select n.surnames from person p join person_name n on n.person_id = p.id where p.matricula = :m
                """).param("m", "T" + run + "1").query(byte[].class).single();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Sint");
        // ... and open through the registry.
        var api = api();
        assertThat(api.get("/api/v1/people/T" + run + "1", api.token("registro"))
                        .json()
                        .path("surnames")
                        .asString())
                .isEqualTo("Sintética Uno");
        // The same file again is no change (the blind index compares names); another name for the person is a conflict.
        assertThat(importCsv("people", csv).status()).isEqualTo(200);
        assertThat(importCsv("people", csv.replace("Sintética Uno", "Sintética Dos"))
                        .status())
                .isEqualTo(422);
        // An exact name finds the person, whatever the case and accents; a part of it does not.
        assertThat(api.get(
                                "/api/v1/people?givenNames=PRUEBA&surnames=" + Browser.enc("sintetica  uno"),
                                api.token("registro"))
                        .json()
                        .toString())
                .contains("T" + run + "1");
        assertThat(api.get(
                                "/api/v1/people?givenNames=Prueba&surnames=" + Browser.enc("Sintética"),
                                api.token("registro"))
                        .json()
                        .toString())
                .doesNotContain("T" + run + "1");
    }

    @Test
    void lotsAreDeliveredAgainstOrdnanceLinesAndCannotExceedThem() {
        String licence = "TLOT-" + run;
        assertThat(importCsv("licences", """
                number,direction,issuing_country,issuing_authority,exporter_code,consignee_code,end_user_certificate,issued_on,line_no,ordnance_type,calibre,quantity
                %s,EXPORT,IT,UAMA,EXP-FIOCCHI,SEDENA,CUF-T,2021-05-01,1,CARTRIDGE,9mm Luger,1000
                """.formatted(licence)).status()).isEqualTo(200);
        Api.Response over = importCsv("lots", """
                lot_number,make,ordnance_type,calibre,quantity,holder_code,licence_number,licence_line
                L%1$s-1,Fiocchi,CARTRIDGE,9mm,600,DEP-RM-01,%2$s,1
                L%1$s-2,Fiocchi,CARTRIDGE,9mm,600,DEP-RM-01,%2$s,1
                """.formatted(run, licence));
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.json().path("errors").get(0).path("line").asLong()).isEqualTo(3);
        Api.Response fits = importCsv("lots", """
                lot_number,make,ordnance_type,calibre,quantity,holder_code,licence_number,licence_line
                L%1$s-1,Fiocchi,CARTRIDGE,9mm,600,DEP-RM-01,%2$s,1
                L%1$s-2,Fiocchi,CARTRIDGE,9mm,400,DEP-RM-01,%2$s,1
                """.formatted(run, licence));
        assertThat(fits.status()).as(fits.body()).isEqualTo(200);
    }

    @Test
    void theReportSpeaksTheReadersLanguage() {
        Api api = api();
        String csv = "serial,make,model,year\nT%s-60,Glock,17,nineteen\n".formatted(run);
        JsonNode spanish = api.post("/api/v1/imports/weapons", api.token("registro"), "text/csv", csv)
                .json();
        JsonNode english = api.post("/api/v1/imports/weapons", api.token("registro"), "text/csv", csv, "en")
                .json();
        assertThat(spanish.path("errors").get(0).path("message").asString())
                .isEqualTo("debe ser un número entero; se recibió 'nineteen'");
        assertThat(english.path("errors").get(0).path("message").asString())
                .isEqualTo("must be a whole number, got 'nineteen'");
        assertThat(english.path("errors").get(0).path("code").asString()).isEqualTo("not-whole");
    }

    @Test
    void aHeaderWithoutRequiredColumnsOrWithUnknownOnesIsRejectedAtLineOne() {
        JsonNode report =
                importCsv("weapons", "serial,maker,model\nX,Colt,M4A1\n").json();
        assertThat(report.path("status").asString()).isEqualTo("REJECTED");
        assertThat(report.path("errors")
                        .valueStream()
                        .map(e -> e.path("line").asLong())
                        .distinct())
                .containsExactly(1L);
        assertThat(report.path("errors").toString()).contains("make", "maker");
        Api.Response unknownEntity = importCsv("spaceships", "a\n1\n");
        assertThat(unknownEntity.status()).isEqualTo(400);
    }
}
