package vn.chiso.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.ObjectMapper;

import vn.chiso.security.ApiTokens;

/** A script's API token acts as its owner: the owner's role, and only the owner's units. */
class BearerTokenTest extends WebTest {

    @Autowired
    ApiTokens tokens;

    @Test
    void aBearerTokenCarriesItsOwnersUnits() throws Exception {
        // given the example province and a token of stp, a demo OFFICER bound to Sở Tư pháp
        exampleProvince();
        String token = "Bearer " + tokens.create("stp", "nightly export").secret();

        // when its script reads the indicators of a window
        String body = mvc.perform(get("/api/indicators").param("window", "2024-Q1").header("Authorization", token))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        // then it gets STP's rows and no other unit's
        List<Map<String, Object>> rows = new ObjectMapper().readValue(body, List.class);
        assertThat(rows).isNotEmpty().extracting(r -> r.get("orgCode")).containsOnly("STP");

        // and it may do what an officer does within STP, nothing else
        mvc.perform(get("/api/indicators").param("window", "2024-Q1").param("org", "HNN").header("Authorization", token))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/schedules").header("Authorization", token)).andExpect(status().isForbidden());
        mvc.perform(get("/api/scores").param("window", "2024-Q1").param("org", "STP").header("Authorization", token))
                .andExpect(status().isOk());
    }
}
