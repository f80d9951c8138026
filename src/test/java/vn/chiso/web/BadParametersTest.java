package vn.chiso.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * Every GET endpoint of the API, as the controllers declare them, with a NUL, an over-long value and
 * garbage in each of its parameters in turn: 400 with a JSON reason, never a 500.
 */
class BadParametersTest extends WebTest {

    private static final List<String> BAD = List.of("\u0000", "x".repeat(5_000), "2025-Q9<'\">");

    /** A good value for each parameter name the API uses, so that only the one under test is bad. */
    private static final Map<String, String> GOOD = Map.of("window", "2024-Q1", "org", "STP", "on", "2024-03-01", "days", "2",
            "limit", "10", "id", "1");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void badParametersAreAnsweredWith400Json() throws Exception {
        // given the example province and the API's GET endpoints
        exampleProvince();
        List<String> tried = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = mapping.getKey();
            if (!info.getMethodsCondition().getMethods().contains(RequestMethod.GET)) {
                continue;
            }
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                Map<String, String> parameters = new LinkedHashMap<>();
                for (MethodParameter p : mapping.getValue().getMethodParameters()) {
                    RequestParam param = p.getParameterAnnotation(RequestParam.class);
                    if (param != null) {
                        String name = param.name().isEmpty() ? param.value().isEmpty() ? p.getParameterName() : param.value() : param.name();
                        parameters.put(name, GOOD.getOrDefault(name, "1"));
                    }
                }
                List<String> variables = new ArrayList<>();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(pattern);
                while (m.find()) {
                    variables.add(m.group(1));
                }
                // when each parameter and each path variable in turn holds each bad value
                for (String bad : BAD) {
                    for (String name : parameters.keySet()) {
                        Map<String, String> values = new LinkedHashMap<>(parameters);
                        values.put(name, bad);
                        tried.add(pattern + " ?" + name);
                        assertBadRequest(request(pattern, variables, null, null, values), pattern + " with " + name + "=" + vn.chiso.security.Shown.of(bad));
                    }
                    for (String variable : variables) {
                        tried.add(pattern + " {" + variable + "}");
                        assertBadRequest(request(pattern, variables, variable, bad, parameters), pattern + " with {" + variable + "}=" + vn.chiso.security.Shown.of(bad));
                    }
                }
            }
        }
        // then every parameter of the API was tried
        assertThat(tried).contains("/api/scores ?window", "/api/indicators ?org", "/api/outlook ?on", "/api/outlook ?days",
                "/api/runs ?limit", "/api/runs/{id} {id}", "/api/reports/{id}/file {id}", "/api/reports/zip ?window");
    }

    private MockHttpServletRequestBuilder request(String pattern, List<String> variables, String badVariable, String bad,
                                                  Map<String, String> parameters) {
        String path = pattern;
        for (String variable : variables) {
            String value = variable.equals(badVariable) ? bad : GOOD.getOrDefault(variable, "1");
            path = path.replace("{" + variable + "}", UriUtils.encodePathSegment(value, StandardCharsets.UTF_8));
        }
        MockHttpServletRequestBuilder request = get(java.net.URI.create(path)).with(admin());
        parameters.forEach(request::param);
        return request;
    }

    private void assertBadRequest(MockHttpServletRequestBuilder request, String what) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(what).isEqualTo(400);
        assertThat(response.getContentType()).as(what).startsWith("application/json");
        Map<?, ?> body = new ObjectMapper().readValue(response.getContentAsString(StandardCharsets.UTF_8), Map.class);
        assertThat(body.get("status")).as(what).isEqualTo(400);
        assertThat(String.valueOf(body.get("error"))).as(what).isNotBlank().doesNotContain("\u0000").hasSizeLessThan(300);
    }
}
