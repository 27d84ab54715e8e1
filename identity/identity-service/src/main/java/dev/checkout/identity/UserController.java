package dev.checkout.identity;

import dev.checkout.identity.api.SavedAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/users/me} and the caller's addresses. */
@RestController
@RequestMapping("/api/v1/users/me")
class UserController {

    private final Accounts accounts;
    private final AddressBook addresses;

    UserController(Accounts accounts, AddressBook addresses) {
        this.accounts = accounts;
        this.addresses = addresses;
    }

    @GetMapping
    Me me(Caller caller) {
        User user = accounts.me(caller.requireUserId());
        return new Me(user.userId(), user.email(), user.firstName(), user.lastName(), user.roles(), user.createdAt());
    }

    @PostMapping("/addresses")
    @ResponseStatus(HttpStatus.CREATED)
    SavedAddress addAddress(Caller caller, @Valid @RequestBody AddressRequest request) {
        String userId = accounts.me(caller.requireUserId()).userId();
        return addresses.add(userId, new AddressBook.NewAddress(request.street().trim(), request.city().trim(),
                request.state(), request.zip().trim(), request.country().trim(), request.type(), request.isDefault()));
    }

    @GetMapping("/addresses")
    Map<String, List<SavedAddress>> listAddresses(Caller caller) {
        return Map.of("addresses", addresses.list(caller.requireUserId()));
    }

    @GetMapping("/addresses/{addressId}")
    SavedAddress address(Caller caller, @PathVariable String addressId) {
        return addresses.find(caller.requireUserId(), addressId)
                .orElseThrow(() -> ApiException.notFound("Address", addressId));
    }

    record Me(String userId, String email, String firstName, String lastName, List<String> roles, Instant createdAt) {
    }

    record AddressRequest(
            @NotBlank(message = "is required") @Size(max = 500) String street,
            @NotBlank(message = "is required") @Size(max = 100) String city,
            @Size(max = 100) String state,
            @NotBlank(message = "is required") @Size(max = 20) String zip,
            @NotBlank(message = "is required") @Size(min = 2, max = 100, message = "must be a country name or ISO code") String country,
            @Pattern(regexp = "SHIPPING|BILLING", message = "must be SHIPPING or BILLING") String type,
            Boolean isDefault) {
    }
}
