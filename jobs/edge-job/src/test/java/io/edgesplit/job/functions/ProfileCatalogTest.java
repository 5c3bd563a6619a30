package io.edgesplit.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgesplit.core.model.ModelProfile;
import io.edgesplit.core.model.ModelProfileJson;
import io.edgesplit.job.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileCatalogTest {

    private static final String JSON = ModelProfileJson.toJson(Fixtures.profile());

    @Test
    void theSameTextGivesTheSameInstanceEvenWhenItArrivesAgain() {
        ProfileCatalog catalog = new ProfileCatalog(Map.of(Fixtures.MODEL, JSON));
        ModelProfile configured = catalog.get(Fixtures.MODEL, null);

        // the profiles topic publishes the configured profile again: equal text, new instance
        String republished = new String(JSON);
        assertThat(catalog.get(Fixtures.MODEL, republished)).isSameAs(configured);
        assertThat(catalog.get(Fixtures.MODEL, republished)).isSameAs(configured);
    }

    @Test
    void aChangedTextIsParsedAfresh() {
        ProfileCatalog catalog = new ProfileCatalog(Map.of(Fixtures.MODEL, JSON));
        ModelProfile configured = catalog.get(Fixtures.MODEL, null);
        ModelProfile p = Fixtures.profile();
        ModelProfile changed =
                new ModelProfile(
                        p.modelId(),
                        p.input(),
                        p.output(),
                        p.totalMacs() + 1,
                        p.measuredOn(),
                        p.cuts());

        ModelProfile updated = catalog.get(Fixtures.MODEL, ModelProfileJson.toJson(changed));
        assertThat(updated).isNotSameAs(configured);
        assertThat(updated.totalMacs()).isEqualTo(changed.totalMacs());
        assertThat(catalog.get("other", null)).isNull();
        assertThat(catalog.knownModels(List.of(Map.entry("other", JSON))))
                .isEqualTo("other, " + Fixtures.MODEL);
    }
}
