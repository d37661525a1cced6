package org.rastro.demo;

import java.util.List;

/**
 * The vocabulary of the synthetic demo Mexico: the weapon models of the army's and the police forces'
 * inventories with their shares and serial formats, the foreign exporters and their licensing
 * authorities, and the ranks and names the synthetic personnel are drawn from. Reference data in
 * code, read by {@link DemoWorld}.
 */
final class DemoCatalogue {

    private DemoCatalogue() {}

    /** One weapon model in the national inventory with its share and serial format. */
    record ModelMix(
            String make,
            String model,
            double share,
            SerialFormat serial,
            String exporterCode,
            int firstYear,
            int lastYear,
            boolean police) {}

    static final List<ModelMix> ARMY_MIX = List.of(
            mix("Dirección General de Industria Militar", "FX-05 Xiuhcóatl", 0.30, "FX{yy}######", null, 2008, 2024),
            mix(
                    "Dirección General de Industria Militar",
                    "FX-05 Xiuhcóatl Carabina",
                    0.08,
                    "FXC{yy}####",
                    null,
                    2010,
                    2024),
            mix("Heckler & Koch", "G3A3", 0.14, "A######", null, 1979, 1998),
            mix("Heckler & Koch", "HK416", 0.02, "216-######", "EXP-HK", 2012, 2020),
            mix("Heckler & Koch", "MP5A3", 0.03, "64-######", "EXP-HK", 2000, 2016),
            mix("Colt's Manufacturing Company", "M4A1", 0.07, "W######", "EXP-COLT", 2009, 2022),
            mix("Colt's Manufacturing Company", "M16A2", 0.03, "A#######", "EXP-COLT", 1998, 2012),
            mix("Colt's Manufacturing Company", "M203", 0.015, "M203-#####", "EXP-COLT", 2006, 2019),
            mix("Bushmaster Firearms", "XM-15", 0.02, "BF######", "EXP-BUSHMASTER", 2008, 2018),
            mix("SIG Sauer", "SIG516", 0.03, "20J######", "EXP-SIG", 2013, 2022),
            mix("SIG Sauer", "P226", 0.03, "U######", "EXP-SIG", 2005, 2020),
            mix("Beretta", "92FS", 0.06, "BER######Z", "EXP-BERETTA", 2002, 2021),
            mix("Glock", "17", 0.04, "@@@###", "EXP-GLOCK", 2006, 2023),
            mix("FN Herstal", "Minimi", 0.025, "FN######", "EXP-FNH", 2007, 2021),
            mix("FN Herstal", "MAG", 0.015, "MAG#####", "EXP-FNH", 2004, 2019),
            mix("FN Herstal", "M2HB", 0.005, "M2-######", "EXP-FNH", 2008, 2020),
            mix("FN Herstal", "P90", 0.01, "P90-######", "EXP-FNH", 2009, 2019),
            mix("Barrett Firearms", "M82A1", 0.005, "AA######", "EXP-BARRETT", 2009, 2021),
            mix("Milkor", "MGL Mk1", 0.01, "MGL#####", "EXP-MILKOR", 2010, 2020),
            mix("Nammo Talley", "M72 LAW", 0.015, "LAW######", "EXP-NAMMO-TALLEY", 2012, 2022),
            mix("Saab Dynamics", "Carl-Gustaf M3", 0.005, "CG#####", "EXP-SAAB", 2011, 2019),
            mix("Saab Dynamics", "AT4", 0.005, "SE######", "EXP-SAAB", 2013, 2021),
            mix("Israel Weapon Industries", "Tavor TAR-21", 0.01, "TV######", "EXP-IWI", 2011, 2019),
            mix("Israel Weapon Industries", "Negev", 0.005, "NG#####", "EXP-IWI", 2012, 2019),
            mix("O.F. Mossberg & Sons", "590A1", 0.01, "V#######", "EXP-MOSSBERG", 2005, 2018));

    /** Bought by state police forces from the ministry (police weapons are sold on, not issued). */
    static final List<ModelMix> POLICE_MIX = List.of(
            police("Smith & Wesson", "M&P9", 0.35, "@@@####", "EXP-SW", 2010, 2023),
            police("SIG Sauer", "P320", 0.20, "58A######", "EXP-SIG", 2016, 2023),
            police("Beretta", "92FS", 0.15, "BER######Z", "EXP-BERETTA", 2004, 2021),
            police("Smith & Wesson", "M&P15", 0.20, "TA#####", "EXP-SW", 2011, 2022),
            police("Sturm, Ruger & Co.", "Mini-14", 0.10, "58#-#####", "EXP-RUGER", 2006, 2019));

    private static ModelMix mix(
            String make, String model, double share, String serial, String exporter, int from, int to) {
        return new ModelMix(make, model, share, new SerialFormat(serial), exporter, from, to, false);
    }

    private static ModelMix police(
            String make, String model, double share, String serial, String exporter, int from, int to) {
        return new ModelMix(make, model, share, new SerialFormat(serial), exporter, from, to, true);
    }

    /** Exporters: code, name, country, licensing authority, licence number prefix. */
    record Exporter(String code, String name, String country, String authority, String prefix) {}

    static final List<Exporter> EXPORTERS = List.of(
            new Exporter(
                    "EXP-COLT", "Colt's Manufacturing Company LLC", "US", "U.S. Department of State, DDTC", "US-DSP5"),
            new Exporter(
                    "EXP-BUSHMASTER",
                    "Bushmaster Firearms International",
                    "US",
                    "U.S. Department of State, DDTC",
                    "US-DSP5"),
            new Exporter("EXP-SIG", "SIG Sauer Inc.", "US", "U.S. Department of State, DDTC", "US-DSP5"),
            new Exporter("EXP-SW", "Smith & Wesson Inc.", "US", "U.S. Department of Commerce, BIS", "US-BIS"),
            new Exporter("EXP-RUGER", "Sturm, Ruger & Co., Inc.", "US", "U.S. Department of Commerce, BIS", "US-BIS"),
            new Exporter(
                    "EXP-BARRETT", "Barrett Firearms Manufacturing", "US", "U.S. Department of State, DDTC", "US-DSP5"),
            new Exporter("EXP-NAMMO-TALLEY", "Nammo Talley Inc.", "US", "U.S. Department of State, DDTC", "US-DSP5"),
            new Exporter("EXP-MOSSBERG", "O.F. Mossberg & Sons", "US", "U.S. Department of Commerce, BIS", "US-BIS"),
            new Exporter("EXP-WINCHESTER", "Olin Winchester", "US", "U.S. Department of State, DDTC", "US-DSP5"),
            new Exporter("EXP-FNH", "FN Herstal SA", "BE", "Service public de Wallonie, Licences armes", "BE-WAL"),
            new Exporter("EXP-HK", "Heckler & Koch GmbH", "DE", "BAFA", "DE-BAFA"),
            new Exporter("EXP-BERETTA", "Fabbrica d'Armi Pietro Beretta S.p.A.", "IT", "UAMA", "IT-UAMA"),
            new Exporter("EXP-FIOCCHI", "Fiocchi Munizioni S.p.A.", "IT", "UAMA", "IT-UAMA"),
            new Exporter("EXP-GLOCK", "Glock Ges.m.b.H.", "AT", "Bundesministerium für Inneres", "AT-BMI"),
            new Exporter("EXP-SAAB", "Saab Dynamics AB", "SE", "Inspektionen för strategiska produkter", "SE-ISP"),
            new Exporter("EXP-MILKOR", "Milkor (Pty) Ltd", "ZA", "NCACC", "ZA-NCACC"),
            new Exporter("EXP-IWI", "Israel Weapon Industries Ltd", "IL", "DECA", "IL-DECA"),
            new Exporter("EXP-NAMMO", "Nammo Raufoss AS", "NO", "Norwegian Ministry of Foreign Affairs", "NO-MFA"));

    static Exporter exporter(String code) {
        return EXPORTERS.stream()
                .filter(e -> e.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no exporter " + code));
    }

    static final List<String> RANKS = List.of(
            "Soldado,Soldado,Soldado,Cabo,Cabo,Sargento 2/o.,Sargento 1/o.,Subteniente,Teniente,Capitán 2/o.,Capitán 1/o.,Mayor"
                    .split(","));

    static final List<String> GIVEN = List.of(
            "José,Juan,Luis,Carlos,Miguel,Jorge,Francisco,Pedro,Alejandro,Ricardo,Fernando,Manuel,Roberto,Eduardo,Sergio,Raúl,Andrés,Héctor,Ana,María,Guadalupe,Laura,Claudia,Verónica,Patricia,Alma,Rosa,Elena"
                    .split(","));

    static final List<String> SURNAMES = List.of(
            "Hernández,García,Martínez,López,González,Pérez,Rodríguez,Sánchez,Ramírez,Cruz,Flores,Gómez,Morales,Vázquez,Reyes,Jiménez,Torres,Díaz,Gutiérrez,Ruiz,Mendoza,Aguilar,Ortiz,Moreno,Castillo,Romero"
                    .split(","));
}
