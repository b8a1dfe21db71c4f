<#-- casvp-outdated-browser: the agent's browser is older than the realm's minimum versions. -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<#import "casvp-fields.ftl" as fields>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("casvp.outdatedBrowser.title")}
    <#elseif section = "form">
        <div id="casvp-outdated-browser" class="${properties.kcContentWrapperClass!} casvp-page">
            <@fields.alert type=casvpCanContinue?then("warning", "danger") id="casvp-outdated-browser-detected"
                    title=msg("casvp.outdatedBrowser.detected", casvpBrowser)>
                <p>${msg(casvpCanContinue?then("casvp.outdatedBrowser.whyWarn", "casvp.outdatedBrowser.whyBlock"))}</p>
            </@fields.alert>
            <h2 class="casvp-resources-title">${msg("casvp.outdatedBrowser.supported")}</h2>
            <ul id="casvp-supported-browsers" class="${properties.kcListClass!}">
                <#list casvpSupportedBrowsers as browser>
                    <li>${msg("casvp.outdatedBrowser.versionOrLater", browser)}</li>
                </#list>
            </ul>
            <p>${msg("casvp.outdatedBrowser.help")}</p>
            <#if casvpCanContinue>
                <form id="casvp-outdated-browser-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                    <@buttons.actionGroup>
                        <@buttons.button id="casvp-continue" name="continue" label="casvp.outdatedBrowser.continue"/>
                    </@buttons.actionGroup>
                </form>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
