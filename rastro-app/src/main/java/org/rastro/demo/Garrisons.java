package org.rastro.demo;

import java.util.List;

/**
 * Mexico's 12 military regions and their zones, placed at the INEGI municipality of their
 * headquarters town (cvegeo checked against {@code shared/data/geo/mx_municipalities.csv}). The
 * layout follows public descriptions of SEDENA's territorial organisation; numbering and seats are
 * approximate and the demo world built on them is synthetic.
 */
final class Garrisons {

    private Garrisons() {}

    record Zone(int number, String cvegeo, String town) {}

    record Region(String roman, int number, String cvegeo, String town, List<Zone> zones) {}

    static final List<Region> REGIONS = List.of(
            new Region(
                    "I",
                    1,
                    "09016",
                    "Ciudad de México",
                    List.of(
                            new Zone(1, "09016", "Ciudad de México"),
                            new Zone(22, "15106", "Toluca"),
                            new Zone(24, "17007", "Cuernavaca"),
                            new Zone(18, "13048", "Pachuca"),
                            new Zone(37, "15120", "Zumpango"))),
            new Region(
                    "II",
                    2,
                    "02002",
                    "Mexicali",
                    List.of(
                            new Zone(2, "02004", "Tijuana"),
                            new Zone(3, "03003", "La Paz"),
                            new Zone(4, "26030", "Hermosillo"),
                            new Zone(40, "03002", "Guerrero Negro"),
                            new Zone(45, "26043", "Nogales"))),
            new Region(
                    "III",
                    3,
                    "25012",
                    "Mazatlán",
                    List.of(new Zone(9, "25006", "Culiacán"), new Zone(10, "10005", "Durango"))),
            new Region(
                    "IV",
                    4,
                    "19021",
                    "General Escobedo",
                    List.of(
                            new Zone(7, "19021", "General Escobedo"), new Zone(8, "28032", "Reynosa"),
                            new Zone(12, "24028", "San Luis Potosí"), new Zone(48, "28041", "Ciudad Victoria"))),
            new Region(
                    "V",
                    5,
                    "14120",
                    "Zapopan",
                    List.of(
                            new Zone(11, "32017", "Guadalupe"), new Zone(13, "18017", "Tepic"),
                            new Zone(14, "01001", "Aguascalientes"), new Zone(15, "14120", "Zapopan"),
                            new Zone(20, "06002", "Colima"), new Zone(41, "14067", "Puerto Vallarta"))),
            new Region(
                    "VI",
                    6,
                    "30193",
                    "Veracruz",
                    List.of(
                            new Zone(19, "30189", "Tuxpan"),
                            new Zone(23, "29024", "Panotla"),
                            new Zone(25, "21114", "Puebla"),
                            new Zone(26, "30065", "El Lencero"),
                            new Zone(29, "30108", "Minatitlán"))),
            new Region(
                    "VII",
                    7,
                    "07101",
                    "Tuxtla Gutiérrez",
                    List.of(
                            new Zone(30, "27004", "Villahermosa"),
                            new Zone(31, "07078", "San Cristóbal de las Casas"),
                            new Zone(36, "07089", "Tapachula"),
                            new Zone(38, "27017", "Tenosique"),
                            new Zone(39, "07059", "Ocosingo"))),
            new Region(
                    "VIII",
                    8,
                    "20390",
                    "Santa Lucía del Camino",
                    List.of(
                            new Zone(28, "20067", "Oaxaca"),
                            new Zone(44, "20059", "Miahuatlán"),
                            new Zone(46, "20014", "Ciudad Ixtepec"))),
            new Region(
                    "IX",
                    9,
                    "12001",
                    "Acapulco",
                    List.of(new Zone(27, "12011", "Atoyac de Álvarez"), new Zone(35, "12029", "Chilpancingo"))),
            new Region(
                    "X",
                    10,
                    "31050",
                    "Mérida",
                    List.of(
                            new Zone(32, "31050", "Mérida"),
                            new Zone(33, "04002", "Campeche"),
                            new Zone(34, "23004", "Chetumal"))),
            new Region(
                    "XI",
                    11,
                    "05035",
                    "Torreón",
                    List.of(
                            new Zone(5, "08019", "Chihuahua"), new Zone(6, "05030", "Saltillo"),
                            new Zone(42, "08032", "Hidalgo del Parral"), new Zone(47, "05025", "Piedras Negras"))),
            new Region(
                    "XII",
                    12,
                    "11017",
                    "Irapuato",
                    List.of(
                            new Zone(16, "11044", "Sarabia"), new Zone(17, "22014", "Querétaro"),
                            new Zone(21, "16053", "Morelia"), new Zone(43, "16006", "Apatzingán"))));

    /** State police forces that buy weapons from the ministry, at their state capitals. */
    record PoliceForce(String code, String name, String cvegeo) {}

    static final List<PoliceForce> POLICE = List.of(
            new PoliceForce("POL-JAL", "Policía Estatal de Jalisco", "14039"),
            new PoliceForce("POL-CHIH", "Policía Estatal de Chihuahua", "08019"),
            new PoliceForce("POL-GRO", "Policía Estatal de Guerrero", "12029"),
            new PoliceForce("POL-MICH", "Guardia Civil de Michoacán", "16053"),
            new PoliceForce("POL-TAMPS", "Guardia Estatal de Tamaulipas", "28041"),
            new PoliceForce("POL-SIN", "Policía Estatal de Sinaloa", "25006"),
            new PoliceForce("POL-MEX", "Policía Estatal del Estado de México", "15106"),
            new PoliceForce("POL-CDMX", "Secretaría de Seguridad Ciudadana CDMX", "09015"),
            new PoliceForce("POL-VER", "Policía Estatal de Veracruz", "30193"),
            new PoliceForce("POL-GTO", "Fuerzas de Seguridad Pública de Guanajuato", "11017"));
}
