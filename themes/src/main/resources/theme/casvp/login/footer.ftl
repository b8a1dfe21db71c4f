<#--
  CASVP login footer.
  keycloak.v2 template.ftl imports this file and calls <@loginFooter.content/> inside <main>,
  after the login box, on every login page. Overriding this file adds our content without
  copying template.ftl.
  All values are auto-escaped (HTML output format): never use ?no_esc here.
  Values come from theme.properties (casvp* properties, overridable with CASVP_* env vars).
-->

<#--
  The page's own title (WCAG 2.4.2, RGAA 8.6): template.ftl imports this file before it writes
  <title>${title}</title>, so this top-level code runs first and replaces Keycloak's one title
  for every page ("CASVP — Connexion") by casvp.title.<page id> ("Nouveau mot de passe — CASVP").
  A page without such a message keeps Keycloak's title.
-->
<#if pageId??>
    <#assign casvpTitleKey = "casvp.title." + pageId>
    <#assign casvpPageTitle = msg(casvpTitleKey)>
    <#if casvpPageTitle != casvpTitleKey>
        <#global title = msg("casvp.pageTitle", casvpPageTitle)>
    </#if>
</#if>

<#-- Returns the trimmed value when it is an http(s) URL, "" otherwise (empty value hides the link). -->
<#function casvpUrl value>
    <#local v = (value!"")?trim>
    <#if v?matches("https?://[^\\s\"'<>]+", "i")>
        <#return v>
    </#if>
    <#return "">
</#function>

<#macro content>
<#local officialAddress = (properties.casvpOfficialAddress!"")?trim>
<#local trustedHostnames = (properties.casvpTrustedHostnames!"")?trim>
<#local helpdeskPhone = (properties.casvpHelpdeskPhone!"")?trim>
<#local helpdeskPhoneTel = helpdeskPhone?replace("[^0-9+]", "", "r")>
<#local helpdeskUrl = casvpUrl(properties.casvpHelpdeskUrl!"")>
<#local unionGuidesUrl = casvpUrl(properties.casvpUnionGuidesUrl!"")>
<#local cadaUrl = casvpUrl(properties.casvpCadaUrl!"")>
<#local defenseurUrl = casvpUrl(properties.casvpDefenseurUrl!"")>
<#local stopBurnOutUrl = casvpUrl(properties.casvpStopBurnOutUrl!"")>
<div id="casvp-footer" class="casvp-footer">

    <#if officialAddress?has_content>
    <section id="casvp-official-address" class="pf-v5-c-alert pf-m-info pf-m-inline casvp-panel" aria-labelledby="casvp-official-address-title">
        <div class="pf-v5-c-alert__icon">
            <i class="fas fa-fw fa-info-circle" aria-hidden="true"></i>
        </div>
        <h2 id="casvp-official-address-title" class="pf-v5-c-alert__title">${msg("casvp.officialAddress.title")}</h2>
        <div class="pf-v5-c-alert__description">
            <p>${msg("casvp.officialAddress.intro")}</p>
            <p class="casvp-address"><strong><code id="casvp-official-address-value">${officialAddress}</code></strong></p>
        </div>
    </section>
    </#if>

    <section id="casvp-phishing-warning" class="pf-v5-c-alert pf-m-warning pf-m-inline casvp-panel" aria-labelledby="casvp-phishing-warning-title">
        <div class="pf-v5-c-alert__icon">
            <i class="fas fa-fw fa-exclamation-triangle" aria-hidden="true"></i>
        </div>
        <h2 id="casvp-phishing-warning-title" class="pf-v5-c-alert__title">${msg("casvp.phishing.title")}</h2>
        <div class="pf-v5-c-alert__description">
            <p>${msg("casvp.phishing.text")}</p>
            <h3 class="casvp-tips-title">${msg("casvp.tips.title")}</h3>
            <ul id="casvp-tips" class="pf-v5-c-list casvp-tips">
                <li>${msg("casvp.tips.urgency")}</li>
                <li>${msg("casvp.tips.compromised")}</li>
                <li>${msg("casvp.tips.signOut")}</li>
            </ul>
        </div>
    </section>

    <#-- Hidden by default; js/casvp-hostname-check.js shows it when location.hostname is not trusted. -->
    <div id="casvp-hostname-warning" class="pf-v5-c-alert pf-m-danger pf-m-inline casvp-panel" role="alert" hidden data-trusted-hostnames="${trustedHostnames}">
        <div class="pf-v5-c-alert__icon">
            <i class="fas fa-fw fa-exclamation-circle" aria-hidden="true"></i>
        </div>
        <p class="pf-v5-c-alert__title">${msg("casvp.hostnameWarning.title")}</p>
        <div class="pf-v5-c-alert__description">
            <p>${msg("casvp.hostnameWarning")}</p>
        </div>
    </div>
    <script src="${url.resourcesPath}/js/casvp-hostname-check.js" defer></script>
    <script src="${url.resourcesPath}/js/casvp-attempted-username-label.js" defer></script>

    <#if helpdeskPhoneTel?has_content || helpdeskUrl?has_content || unionGuidesUrl?has_content
        || cadaUrl?has_content || defenseurUrl?has_content || stopBurnOutUrl?has_content>
    <nav id="casvp-resources" class="casvp-resources" aria-label="${msg("casvp.resources.title")}">
        <h2 class="casvp-resources-title">${msg("casvp.resources.title")}</h2>
        <ul class="pf-v5-c-list pf-m-plain casvp-resources-list">
            <#if helpdeskPhoneTel?has_content>
            <li><a id="casvp-link-helpdesk-phone" href="tel:${helpdeskPhoneTel}">${msg("casvp.resources.helpdeskPhone", helpdeskPhone)}</a></li>
            </#if>
            <#if helpdeskUrl?has_content>
            <li><a id="casvp-link-helpdesk" href="${helpdeskUrl}" rel="noopener noreferrer">${msg("casvp.resources.helpdesk")}</a></li>
            </#if>
            <#if unionGuidesUrl?has_content>
            <li><a id="casvp-link-union" href="${unionGuidesUrl}" rel="noopener noreferrer">${msg("casvp.resources.union")}</a></li>
            </#if>
            <#if cadaUrl?has_content>
            <li><a id="casvp-link-cada" href="${cadaUrl}" rel="noopener noreferrer">${msg("casvp.resources.cada")}</a></li>
            </#if>
            <#if defenseurUrl?has_content>
            <li><a id="casvp-link-defenseur" href="${defenseurUrl}" rel="noopener noreferrer">${msg("casvp.resources.defenseur")}</a></li>
            </#if>
            <#if stopBurnOutUrl?has_content>
            <li><a id="casvp-link-stopburnout" href="${stopBurnOutUrl}" rel="noopener noreferrer">${msg("casvp.resources.stopBurnOut")}</a></li>
            </#if>
        </ul>
    </nav>
    </#if>

</div>
</#macro>
