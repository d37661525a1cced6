-- The authorities that recover weapons, as a lab's trace request names them: not only the registered
-- holders but the prosecutors (the federal one and the 32 state ones), the armed forces and the National
-- Guard (SEDENA and SEMAR as the ministries they are, as an import of the armed forces' tree names them).
-- Municipal police forces are added as a trace names them (kind AUTHORITY, code "PM-" and the municipality's
-- INEGI code). Each is placed at its seat (the state capital for a state prosecutor).
insert into organisation_kind (code) values ('AUTHORITY');

insert into organisation (code, name, kind, country, cvegeo) values
    ('FGR', 'Fiscalía General de la República', 'AUTHORITY', 'MX', '09015'),
    ('SEDENA', 'Secretaría de la Defensa Nacional', 'MINISTRY', 'MX', '09016'),
    ('SEMAR', 'Secretaría de Marina', 'MINISTRY', 'MX', '09003'),
    ('GN', 'Guardia Nacional', 'AUTHORITY', 'MX', '09016'),
    ('FGE-AGS', 'Fiscalía del estado de Aguascalientes', 'AUTHORITY', 'MX', '01001'),
    ('FGE-BC', 'Fiscalía del estado de Baja California', 'AUTHORITY', 'MX', '02002'),
    ('FGE-BCS', 'Fiscalía del estado de Baja California Sur', 'AUTHORITY', 'MX', '03003'),
    ('FGE-CAMP', 'Fiscalía del estado de Campeche', 'AUTHORITY', 'MX', '04002'),
    ('FGE-COAH', 'Fiscalía del estado de Coahuila de Zaragoza', 'AUTHORITY', 'MX', '05030'),
    ('FGE-COL', 'Fiscalía del estado de Colima', 'AUTHORITY', 'MX', '06002'),
    ('FGE-CHIS', 'Fiscalía del estado de Chiapas', 'AUTHORITY', 'MX', '07101'),
    ('FGE-CHIH', 'Fiscalía del estado de Chihuahua', 'AUTHORITY', 'MX', '08019'),
    ('FGE-CDMX', 'Fiscalía del estado de Ciudad de México', 'AUTHORITY', 'MX', '09015'),
    ('FGE-DGO', 'Fiscalía del estado de Durango', 'AUTHORITY', 'MX', '10005'),
    ('FGE-GTO', 'Fiscalía del estado de Guanajuato', 'AUTHORITY', 'MX', '11015'),
    ('FGE-GRO', 'Fiscalía del estado de Guerrero', 'AUTHORITY', 'MX', '12029'),
    ('FGE-HGO', 'Fiscalía del estado de Hidalgo', 'AUTHORITY', 'MX', '13048'),
    ('FGE-JAL', 'Fiscalía del estado de Jalisco', 'AUTHORITY', 'MX', '14039'),
    ('FGE-MEX', 'Fiscalía del estado de México', 'AUTHORITY', 'MX', '15106'),
    ('FGE-MICH', 'Fiscalía del estado de Michoacán de Ocampo', 'AUTHORITY', 'MX', '16053'),
    ('FGE-MOR', 'Fiscalía del estado de Morelos', 'AUTHORITY', 'MX', '17007'),
    ('FGE-NAY', 'Fiscalía del estado de Nayarit', 'AUTHORITY', 'MX', '18017'),
    ('FGE-NL', 'Fiscalía del estado de Nuevo León', 'AUTHORITY', 'MX', '19039'),
    ('FGE-OAX', 'Fiscalía del estado de Oaxaca', 'AUTHORITY', 'MX', '20067'),
    ('FGE-PUE', 'Fiscalía del estado de Puebla', 'AUTHORITY', 'MX', '21114'),
    ('FGE-QRO', 'Fiscalía del estado de Querétaro', 'AUTHORITY', 'MX', '22014'),
    ('FGE-QROO', 'Fiscalía del estado de Quintana Roo', 'AUTHORITY', 'MX', '23004'),
    ('FGE-SLP', 'Fiscalía del estado de San Luis Potosí', 'AUTHORITY', 'MX', '24028'),
    ('FGE-SIN', 'Fiscalía del estado de Sinaloa', 'AUTHORITY', 'MX', '25006'),
    ('FGE-SON', 'Fiscalía del estado de Sonora', 'AUTHORITY', 'MX', '26030'),
    ('FGE-TAB', 'Fiscalía del estado de Tabasco', 'AUTHORITY', 'MX', '27004'),
    ('FGE-TAMPS', 'Fiscalía del estado de Tamaulipas', 'AUTHORITY', 'MX', '28041'),
    ('FGE-TLAX', 'Fiscalía del estado de Tlaxcala', 'AUTHORITY', 'MX', '29033'),
    ('FGE-VER', 'Fiscalía del estado de Veracruz de Ignacio de la Llave', 'AUTHORITY', 'MX', '30087'),
    ('FGE-YUC', 'Fiscalía del estado de Yucatán', 'AUTHORITY', 'MX', '31050'),
    ('FGE-ZAC', 'Fiscalía del estado de Zacatecas', 'AUTHORITY', 'MX', '32056')
on conflict (code) do nothing;
