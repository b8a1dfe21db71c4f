<#--
  Fields of the bundle's own pages, in the PatternFly 5 structure of keycloak.v2's field.ftl
  (form group, label group, the control in its pf-v5-c-form-control wrapper, helper text), so
  they look and space like Keycloak's own pages. Other attributes (autocapitalize, …) pass
  through as "extra". Auto-escaped.
-->
<#import "field.ftl" as field>

<#macro text name label type="text" autocomplete="off" value="" hint="" numeric=false autofocus=true extra...>
    <@field.group name=name label=label>
        <span class="${properties.kcInputClass}">
            <input id="${name}" name="${name}" type="${type}" value="${value}" autocomplete="${autocomplete}"
                   <#if numeric>inputmode="numeric"</#if> <#if autofocus>autofocus</#if>
                   <#list extra as attribute, attributeValue>${attribute}="${attributeValue}" </#list>
                   <#if hint?has_content>aria-describedby="${name}-hint"</#if>/>
        </span>
        <#if hint?has_content>
            <div class="pf-v5-c-form__helper-text">
                <div class="pf-v5-c-helper-text">
                    <div class="pf-v5-c-helper-text__item" id="${name}-hint">
                        <span class="pf-v5-c-helper-text__item-text">${hint}</span>
                    </div>
                </div>
            </div>
        </#if>
    </@field.group>
</#macro>

<#--
  An inline PatternFly 5 alert, as keycloak.v2 shows its own messages: type is success, info,
  warning or danger; the title's text carries the id tests and scripts read; what is nested becomes
  the alert's description. A screen reader hears the kind of alert first ("Attention : …").
-->
<#macro alert type title id="">
    <#local icon = {"success": "kcFeedbackSuccessIcon", "info": "kcFeedbackInfoIcon",
                    "warning": "kcFeedbackWarningIcon", "danger": "kcFeedbackErrorIcon"}[type]>
    <#local description><#nested></#local>
    <div class="${properties.kcAlertClass!} pf-m-${type}">
        <div class="${properties.kcAlertIconClass!}"><span class="${properties[icon]!}" aria-hidden="true"></span></div>
        <p class="${properties.kcAlertTitleClass!}"><span class="pf-v5-screen-reader">${msg("casvp.alert." + type)} </span><span<#if id?has_content> id="${id}"</#if>>${title}</span></p>
        <#if description?markup_string?trim?has_content>
            <div class="${properties.kcAlertDescriptionClass!}">${description}</div>
        </#if>
    </div>
</#macro>
