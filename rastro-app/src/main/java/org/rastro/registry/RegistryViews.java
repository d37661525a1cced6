package org.rastro.registry;

import java.time.LocalDate;
import java.util.List;

/** Read models of the registry, as the API returns them and the pages show them. */
public final class RegistryViews {

    private RegistryViews() {}

    public record Page<T>(List<T> items, int page, int size, long total) {
        public Page {
            items = List.copyOf(items);
        }

        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    /**
     * A slice of a cursor walk: the items, and the cursor of the next slice (null after the last). No total:
     * counting a large filter on every slice is what made deep pages slow.
     */
    public record Slice<T>(List<T> items, int size, String next) {
        public Slice {
            items = List.copyOf(items);
        }
    }

    public record OrganisationView(
            String code,
            String name,
            String kind,
            String parentCode,
            String parentName,
            String country,
            String cvegeo,
            String municipality,
            String state) {}

    public record WeaponSummary(
            long id,
            String serial,
            String make,
            String model,
            String calibre,
            String weaponType,
            String holderCode,
            String holderName,
            boolean synthetic) {}

    public record WeaponView(
            long id,
            String serialAsMarked,
            String serialNormalised,
            String make,
            String model,
            String calibre,
            String weaponType,
            String weaponTypeEs,
            String weaponTypeEn,
            String countryOfManufacture,
            String importMarks,
            Integer year,
            String legalCategory,
            String legalCategoryEs,
            String legalCategoryEn,
            String holderCode,
            String holderName,
            String licenceNumber,
            Integer licenceLine,
            String licenceCountry,
            boolean synthetic) {}

    public record LotView(
            long id,
            String lotNumber,
            String make,
            String ordnanceType,
            String calibre,
            String description,
            long quantity,
            String unitOfIssue,
            String holderCode,
            String holderName,
            boolean synthetic) {}

    public record LicenceView(
            String number,
            String direction,
            String issuingCountry,
            String issuingAuthority,
            String exporterCode,
            String exporterName,
            String consigneeCode,
            String consigneeName,
            String endUserCertificate,
            LocalDate issuedOn,
            LocalDate expiresOn,
            List<LicenceLineView> lines) {}

    public record LicenceLineView(
            int lineNo,
            String make,
            String model,
            String ordnanceType,
            String calibre,
            long quantity,
            long delivered) {}

    public record PersonView(
            String matricula,
            String rank,
            String unitCode,
            String unitName,
            String givenNames,
            String surnames,
            boolean synthetic) {}

    /** An organisation's holdings, its own and those of the organisations under it. */
    public record Holdings(
            OrganisationView organisation,
            List<OrganisationView> children,
            List<ModelCount> byModel,
            long weapons,
            List<LotView> lots) {}

    public record ModelCount(String make, String model, String weaponType, long count) {}

    public record CatalogueModel(String make, String model, String weaponType, String calibre, String legalCategory) {}
}
