package org.dsreg.testkit.dbus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** Which of the fake broker's accounts a request names. */
final class AccountSelection {

    private AccountSelection() {
    }

    /** The account a request names (in {@code account}, {@code authParameters.account} or {@code authParameters.username}). */
    static Optional<FakeAccount> select(JsonNode request, List<FakeAccount> accounts, boolean firstWhenUnnamed) {
        List<JsonNode> refs = new ArrayList<>();
        refs.add(request.path("account"));
        refs.add(request.path("authParameters").path("account"));
        String username = request.path("authParameters").path("username").asText("");
        boolean named = !username.isEmpty();
        for (JsonNode ref : refs) {
            if (!ref.isObject()) {
                continue;
            }
            named = true;
            String home = ref.path("homeAccountId").asText("");
            String local = ref.path("localAccountId").asText("");
            String user = ref.path("username").asText("");
            for (FakeAccount a : accounts) {
                if (!home.isEmpty() && home.equalsIgnoreCase(a.homeAccountId())) {
                    return Optional.of(a);
                }
            }
            for (FakeAccount a : accounts) {
                if ((!local.isEmpty() && local.equalsIgnoreCase(a.objectId()))
                        || (!user.isEmpty() && user.equalsIgnoreCase(a.username()))) {
                    return Optional.of(a);
                }
            }
        }
        if (!username.isEmpty()) {
            for (FakeAccount a : accounts) {
                if (username.equalsIgnoreCase(a.username())) {
                    return Optional.of(a);
                }
            }
        }
        if (!named && firstWhenUnnamed && !accounts.isEmpty()) {
            return Optional.of(accounts.get(0));
        }
        return Optional.empty();
    }
}
