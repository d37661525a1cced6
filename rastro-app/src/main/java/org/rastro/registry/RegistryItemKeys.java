package org.rastro.registry;

import java.util.List;
import org.rastro.custody.ItemKeys;
import org.rastro.system.Text;
import org.rastro.system.TextBundle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Natural keys to registry ids, with the catalogue's rules: a make by its name or any alias (compared as
 * {@link Keys#make} keys), a serial as marked or normalised ({@link Keys#serial}), a model likewise.
 *
 * <p>Thread-safe: stateless but for the database.
 */
@Component
class RegistryItemKeys implements ItemKeys {

    private static final TextBundle TEXTS = TextBundle.of("registry");

    private final JdbcClient jdbc;

    RegistryItemKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Found(long id, String what) {}

    @Override
    public long weapon(String make, String model, String serial) {
        if (make == null || make.isBlank() || serial == null || serial.isBlank()) {
            throw TEXTS.invalid("keys.weapon.incomplete");
        }
        String normalised = Keys.serial(serial);
        if (normalised == null || normalised.isEmpty() || normalised.length() > 40) {
            throw TEXTS.invalid("keys.serial", serial);
        }
        int manufacturer = manufacturer(make);
        List<Found> found = jdbc.sql("""
                select w.id, m.name from weapon w join model m on m.id = w.model_id
                 where w.manufacturer_id = :maker and w.serial_normalised = :serial
                 order by w.id
                """)
                .param("maker", manufacturer)
                .param("serial", normalised)
                .query((rs, n) -> new Found(rs.getLong(1), rs.getString(2)))
                .list();
        if (model != null && !model.isBlank()) {
            String wanted = Keys.model(model);
            found = found.stream()
                    .filter(f -> Keys.model(f.what()).equals(wanted))
                    .toList();
        }
        return one(found, TEXTS.text("keys.weapon", make, serial), "model");
    }

    @Override
    public long lot(String maker, String lotNumber, String ordnanceType) {
        if (maker == null || maker.isBlank() || lotNumber == null || lotNumber.isBlank()) {
            throw TEXTS.invalid("keys.lot.incomplete");
        }
        List<Found> found = jdbc.sql("""
                select id, ordnance_type from ordnance_lot
                 where manufacturer_id = :maker and upper(lot_number) = upper(:lot)
                   and (cast(:type as text) is null or ordnance_type = upper(cast(:type as text)))
                 order by id
                """)
                .param("maker", manufacturer(maker))
                .param("lot", lotNumber.strip())
                .param("type", ordnanceType == null || ordnanceType.isBlank() ? null : ordnanceType.strip())
                .query((rs, n) -> new Found(rs.getLong(1), rs.getString(2)))
                .list();
        return one(found, TEXTS.text("keys.lot", lotNumber, maker), "ordnanceType");
    }

    private int manufacturer(String make) {
        List<Integer> ids = jdbc.sql("""
                select manufacturer_id from manufacturer_alias where alias = :key
                union
                select id from manufacturer where upper(name) = upper(:raw)
                """)
                .param("key", Keys.make(make))
                .param("raw", make.strip())
                .query(Integer.class)
                .list();
        if (ids.size() != 1) {
            throw TEXTS.invalid(ids.isEmpty() ? "keys.make.unknown" : "keys.make.several", make.strip());
        }
        return ids.getFirst();
    }

    private static long one(List<Found> found, Text what, String field) {
        if (found.isEmpty()) {
            throw TEXTS.notFound("keys.none", what.es(), what.en());
        }
        if (found.size() > 1) {
            throw TEXTS.conflict(
                    "keys.several",
                    what.es(),
                    what.en(),
                    String.join(", ", found.stream().map(Found::what).toList()),
                    field);
        }
        return found.getFirst().id();
    }
}
