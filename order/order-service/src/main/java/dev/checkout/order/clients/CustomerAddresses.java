package dev.checkout.order.clients;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.checkout.identity.api.SavedAddress;
import dev.checkout.platform.web.ApiException;
import dev.checkout.platform.web.ServiceUrls;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import dev.checkout.order.orders.Address;

/** A saved address of the customer, from identity's API, on their behalf. */
@Component
public class CustomerAddresses {

    private final ServiceCalls calls;
    private final ServiceUrls urls;

    CustomerAddresses(ServiceCalls calls, ServiceUrls urls) {
        this.calls = calls;
        this.urls = urls;
    }

    public Address address(String addressId, String bearerToken) {
        SavedAddress address;
        try {
            address = calls.http().get().uri(urls.of("identity") + "/api/v1/users/me/addresses/{id}", addressId)
                    .header("Authorization", bearerToken).retrieve().body(SavedAddress.class);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                throw ApiException.unprocessable("address_not_found", "You have no address " + addressId);
            }
            throw ServiceCalls.unavailable("identity");
        } catch (RestClientException e) {
            throw ServiceCalls.unavailable("identity");
        }
        // A saved address has no recipient's name: the order ships to the customer.
        return new Address(null, address.street(), address.city(), address.state(), address.zip(), address.country(), addressId);
    }
}
