<#-- casvp-trusted-network-gate: sign-in refused from outside the agency's networks. -->
<#import "template.ftl" as layout>
<#import "casvp-fields.ftl" as fields>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("casvp.vpn.title")}
    <#elseif section = "form">
        <div id="casvp-vpn-required" class="${properties.kcContentWrapperClass!} casvp-page">
            <@fields.alert type="warning" title=msg("casvp.vpn.why")/>
            <h2 class="casvp-resources-title">${msg("casvp.vpn.howTitle")}</h2>
            <ol class="${properties.kcListClass!}">
                <li>${msg("casvp.vpn.step1")}</li>
                <li>${msg("casvp.vpn.step2")}</li>
                <li>${msg("casvp.vpn.step3")}</li>
            </ol>
            <#if (properties.casvpHelpdeskPhone!"")?has_content>
                <p id="casvp-vpn-helpdesk">${msg("casvp.vpn.help", properties.casvpHelpdeskPhone)}</p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
