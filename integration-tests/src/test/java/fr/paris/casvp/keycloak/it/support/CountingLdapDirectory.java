package fr.paris.casvp.keycloak.it.support;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindResult;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldif.LDIFException;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An LDAP directory in the test JVM (UnboundID's in-memory server) holding one
 * inetOrgPerson, that counts the simple binds it receives with that person's DN: the
 * binds Keycloak's LDAP federation makes to check a password typed on the sign-in page.
 * Binds of the manager account (Keycloak's searches) are not counted.
 */
public final class CountingLdapDirectory implements AutoCloseable {

    public static final String BASE_DN = "dc=casvp,dc=test";
    public static final String PEOPLE_DN = "ou=people," + BASE_DN;
    private static final String MANAGER_DN = "cn=Directory Manager";

    private final InMemoryDirectoryServer server;
    private final BindCounter binds;
    private final String managerPassword = UUID.randomUUID().toString();
    private final String hostSeenByKeycloak;
    private final String userDn;

    /** One person {@code uid}, with the password {@code password}, in {@code ou=people}. */
    public CountingLdapDirectory(String uid, String firstName, String lastName, String mail, String password)
            throws LDAPException, LDIFException, UnknownHostException {
        userDn = "uid=" + uid + "," + PEOPLE_DN;
        binds = new BindCounter(new DN(userDn));
        // A Testcontainers Keycloak reaches the test JVM through the host port it exposes.
        boolean container = "testcontainers".equals(ItSettings.target());
        String listenHost = container ? "0.0.0.0" : "127.0.0.1";
        hostSeenByKeycloak = container ? "host.testcontainers.internal" : "127.0.0.1";

        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
        config.addAdditionalBindCredentials(MANAGER_DN, managerPassword);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
                InetAddress.getByName(listenHost), 0, null));
        config.addInMemoryOperationInterceptor(binds);
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE_DN, "objectClass: top", "objectClass: domain", "dc: casvp");
        server.add("dn: " + PEOPLE_DN, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
        server.add("dn: " + userDn,
                "objectClass: top", "objectClass: person", "objectClass: organizationalPerson",
                "objectClass: inetOrgPerson",
                "uid: " + uid, "cn: " + firstName, "sn: " + lastName, "mail: " + mail,
                "userPassword: " + password);
        server.startListening();
        if (container) {
            org.testcontainers.Testcontainers.exposeHostPorts(port());
        }
    }

    public int port() {
        return server.getListenPort();
    }

    public String userDn() {
        return userDn;
    }

    /** Simple bind requests received so far with the person's DN, whatever their outcome. */
    public int userBinds() {
        return binds.requests.get();
    }

    /** Of those, the binds that succeeded (right password). */
    public int successfulUserBinds() {
        return binds.successes.get();
    }

    /**
     * The casvp realm's user federation pointing at this directory, as an admin sets it up
     * in the console: read-only, users imported, simple authentication as the manager.
     */
    public ComponentRepresentation keycloakFederation(String realmId, String name) {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle("enabled", "true");
        config.putSingle("priority", "0");
        config.putSingle("vendor", "other");
        config.putSingle("connectionUrl", "ldap://" + hostSeenByKeycloak + ":" + port());
        config.putSingle("authType", "simple");
        config.putSingle("bindDn", MANAGER_DN);
        config.putSingle("bindCredential", managerPassword);
        config.putSingle("usersDn", PEOPLE_DN);
        config.putSingle("searchScope", "1");
        config.putSingle("usernameLDAPAttribute", "uid");
        config.putSingle("rdnLDAPAttribute", "uid");
        config.putSingle("uuidLDAPAttribute", "entryUUID");
        config.putSingle("userObjectClasses", "inetOrgPerson");
        config.putSingle("editMode", "READ_ONLY");
        config.putSingle("importEnabled", "true");
        config.putSingle("syncRegistrations", "false");
        config.putSingle("pagination", "false");
        config.putSingle("trustEmail", "true");
        config.putSingle("useTruststoreSpi", "never");
        config.putSingle("connectionPooling", "true");
        config.putSingle("cachePolicy", "DEFAULT");
        config.putSingle("fullSyncPeriod", "-1");
        config.putSingle("changedSyncPeriod", "-1");
        config.putSingle("allowKerberosAuthentication", "false");
        config.putSingle("useKerberosForPasswordAuthentication", "false");
        config.putSingle("validatePasswordPolicy", "false");
        ComponentRepresentation component = new ComponentRepresentation();
        component.setName(name);
        component.setProviderId("ldap");
        component.setProviderType("org.keycloak.storage.UserStorageProvider");
        component.setParentId(realmId);
        component.setConfig(config);
        return component;
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    /** Counts the simple binds whose DN is the person's (DN comparison, not string comparison). */
    private static final class BindCounter extends InMemoryOperationInterceptor {

        private final DN user;
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger successes = new AtomicInteger();

        BindCounter(DN user) {
            this.user = user;
        }

        @Override
        public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request) {
            if (isUser(request.getRequest().getBindDN())) {
                requests.incrementAndGet();
            }
        }

        @Override
        public void processSimpleBindResult(InMemoryInterceptedSimpleBindResult result) {
            if (isUser(result.getRequest().getBindDN()) && result.getResult().getResultCode() == ResultCode.SUCCESS) {
                successes.incrementAndGet();
            }
        }

        private boolean isUser(String bindDn) {
            try {
                return bindDn != null && !bindDn.isEmpty() && new DN(bindDn).equals(user);
            } catch (LDAPException e) {
                return false;
            }
        }
    }
}
