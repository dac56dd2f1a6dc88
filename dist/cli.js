#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/ae-cvss-calculator/dist/ae-cvss-calculator.js
var require_ae_cvss_calculator = __commonJS({
  "node_modules/ae-cvss-calculator/dist/ae-cvss-calculator.js"(exports, module) {
    !(function(e, t) {
      "object" == typeof exports && "object" == typeof module ? module.exports = t() : "function" == typeof define && define.amd ? define([], t) : "object" == typeof exports ? exports.CvssCalculator = t() : e.CvssCalculator = t();
    })(exports, (() => (() => {
      "use strict";
      var e = { 154: (e2, t2) => {
        Object.defineProperty(t2, "__esModule", { value: true }), t2.CvssVector = void 0;
        class o {
          constructor(e3, t3, o2) {
            this.vector = e3, this.normalize = t3, this.scores = o2;
          }
          isUpToDate(e3, t3) {
            return this.vector === e3 && this.normalize === t3;
          }
          getScores() {
            return this.scores;
          }
        }
        t2.CvssVector = class {
          constructor(e3) {
            this.vectorChangedListeners = [], this.components = /* @__PURE__ */ new Map(), this.clearComponents(), e3 && this.applyVector(e3);
          }
          calculateScores(e3 = false) {
            const t3 = this.toString(true);
            if (this.cachedScores && this.cachedScores.isUpToDate(t3, e3)) return this.cachedScores.getScores();
            const a = this.calculateScoresInternal(e3);
            return this.cachedScores = new o(t3, e3, a), a;
          }
          fillBaseMetrics() {
            for (const [e3, t3] of this.getRegisteredComponents()) if ("base" === e3.name) {
              for (const e4 of t3) {
                const t4 = e4.values[1];
                t4 && this.applyComponent(e4, t4);
              }
              return;
            }
            throw new Error("No base category found");
          }
          getComponents() {
            return this.components;
          }
          clearComponents() {
            this.getRegisteredComponents().forEach(((e3, t3) => {
              e3.forEach(((e4) => this.components.set(e4, e4.values[0])));
            }));
          }
          clearSpecifiedComponents(e3) {
            e3.forEach(((e4) => this.components.set(e4, e4.values[0])));
          }
          addVectorChangedListener(e3) {
            this.vectorChangedListeners.push(e3);
          }
          normalizeVector(e3) {
            return e3.replace(/\(/g, "").replace(/\)/g, "").replace(/CVSS:\d+\.?\d?/g, "").replace(/\s/g, "").replace(/\\/g, "").replace(/^\//g, "").replace(/\/$/g, "").trim();
          }
          findComponent(e3) {
            for (const t3 of this.getRegisteredComponents().values()) {
              const o2 = t3.find(((t4) => t4.name === e3 || t4.shortName === e3));
              if (o2) return o2;
            }
            return Array.from(this.components.keys()).find(((t3) => t3.name === e3 || t3.shortName === e3));
          }
          applyVector(e3) {
            this.applyVectorCount(e3);
          }
          applyVectorCount(e3) {
            const t3 = this.normalizeVector(e3).split("/");
            let o2 = 0;
            return t3.forEach(((e4) => {
              if (0 === e4.length) return;
              const [t4, a] = e4.split(":");
              0 !== t4.length && 0 !== a.length ? this.applyComponentString(t4, a, false) && o2++ : console.warn("Invalid component/value pair", e4);
            })), this.vectorChangedListeners.forEach(((e4) => e4(this))), o2;
          }
          applyComponentString(e3, t3, o2 = true) {
            const a = this.findComponent(e3);
            if (a) {
              const i = a.values.find(((e4) => e4.name === t3 || e4.shortName === t3));
              if (i) return this.components.get(a) !== i && (this.applyComponent(a, i), o2 && this.vectorChangedListeners.forEach(((e4) => e4(this))), true);
              throw new Error(`Unknown component value ${t3} for component ${e3}`);
            }
            throw new Error(`Unknown component ${e3} when setting value ${t3}`);
          }
          applyComponentStringSilent(e3, t3, o2 = true) {
            try {
              return this.applyComponentString(e3, t3, o2);
            } catch (e4) {
              return false;
            }
          }
          applyComponent(e3, t3, o2 = true) {
            this.components.set(e3, t3), o2 && this.vectorChangedListeners.forEach(((e4) => e4(this)));
          }
          applyVectorPartsIf(e3, t3, o2) {
            if (!e3) return 0;
            const a = this.normalizeVector(e3);
            if (0 === a.length) return 0;
            const i = a.split("/");
            let s = 0;
            for (const e4 of i) {
              if (!e4) continue;
              const a2 = e4.split(":", 2), i2 = this.clone(), n = t3(i2);
              if (2 === a2.length) {
                i2.applyComponentStringSilent(a2[0], a2[1]);
                const e5 = t3(i2);
                o2 ? e5 <= n && (s += this.applyComponentStringSilent(a2[0], a2[1]) ? 1 : 0) : e5 >= n && (s += this.applyComponentStringSilent(a2[0], a2[1]) ? 1 : 0);
              } else console.warn("Unknown vector argument:", e4);
            }
            return s;
          }
          applyVectorPartsIfLower(e3, t3) {
            return this.applyVectorPartsIf(e3, t3, true);
          }
          applyVectorPartsIfHigher(e3, t3) {
            return this.applyVectorPartsIf(e3, t3, false);
          }
          applyVectorPartsIfLowerVector(e3, t3) {
            return this.applyVectorPartsIf(e3.toStringDefinedParts(), t3, true);
          }
          applyVectorPartsIfHigherVector(e3, t3) {
            return this.applyVectorPartsIf(e3.toStringDefinedParts(), t3, false);
          }
          getComponent(e3) {
            const t3 = this.components.get(e3);
            if (!t3) throw new Error(`Unknown component: ${e3.name}`);
            return t3;
          }
          getComponentByString(e3) {
            const t3 = this.findComponent(e3);
            if (!t3) throw new Error(`Unknown component: ${e3}`);
            const o2 = this.components.get(t3);
            if (!o2) throw new Error(`Unknown component: ${e3}`);
            return o2;
          }
          getComponentByStringOpt(e3) {
            try {
              return this.getComponentByString(e3);
            } catch (e4) {
              return null;
            }
          }
          size() {
            return Array.from(this.components.values()).filter(this.isComponentValueDefined).length;
          }
          getFirstDefinedComponent(e3) {
            return e3.map(((e4) => this.components.get(e4))).find(this.isComponentValueDefined);
          }
          toString(e3 = false, t3 = this.getRegisteredComponents(), o2 = false) {
            let a = "";
            for (const [i, s] of t3) if (e3 || this.isCategoryPartiallyDefined(i)) for (const e4 of s) {
              const t4 = this.components.get(e4);
              if (t4) {
                if (o2 && !this.isComponentValueDefined(t4)) continue;
                a += `${e4.shortName}:${t4.shortName}/`;
              }
            }
            return this.getVectorPrefix() + a.slice(0, -1);
          }
          toStringDefinedParts() {
            return this.toString(false, this.getRegisteredComponents(), true);
          }
          isCategoryFullyDefined(e3) {
            const t3 = this.getRegisteredComponents().get(e3);
            return !!t3 && t3.every(((e4) => void 0 !== this.components.get(e4) && "ND" !== this.components.get(e4).shortName && "X" !== this.components.get(e4).shortName));
          }
          isCategoryPartiallyDefined(e3) {
            const t3 = this.getRegisteredComponents().get(e3);
            return !!t3 && t3.some(((e4) => void 0 !== this.components.get(e4) && "ND" !== this.components.get(e4).shortName && "X" !== this.components.get(e4).shortName));
          }
          round(e3, t3) {
            let o2 = Math.pow(10, t3);
            return Math.round(e3 * o2) / o2;
          }
          roundUp(e3) {
            let t3 = Math.round(1e5 * e3);
            return t3 % 1e4 == 0 ? t3 / 1e5 : (Math.floor(t3 / 1e4) + 1) / 10;
          }
          normalizeScore(e3, t3) {
            return 10 === t3 ? e3 : this.round(this.mapRange(e3, 0, t3, 0, 10), 1);
          }
          mapRange(e3, t3, o2, a, i) {
            return (e3 - t3) / (o2 - t3) * (i - a) + a;
          }
          pickRandomDefinedComponentValue(e3) {
            for (let t3 = 0; t3 < 999999; t3++) {
              const t4 = e3.values[Math.floor(Math.random() * e3.values.length)];
              if ("X" !== t4.shortName && "ND" !== t4.shortName && !t4.hide) return t4;
            }
          }
          clone() {
            const e3 = new this.constructor();
            return e3.components = new Map(this.components), e3;
          }
          diffVector(e3) {
            const t3 = new this.constructor();
            for (const [o2, a] of this.getRegisteredComponents()) for (const o3 of a) {
              const a2 = this.components.get(o3), i = e3.components.get(o3), s = this.isComponentValueDefined(a2), n = this.isComponentValueDefined(i);
              s && n && a2.shortName !== i.shortName || !s && n ? t3.applyComponent(o3, i) : s && !n && t3.applyComponent(o3, a2);
            }
            return t3;
          }
          applyEnvironmentalMetricsOntoBase() {
            for (const [e3, t3] of this.getRegisteredComponents()) for (const e4 of t3) {
              const t4 = this.components.get(e4);
              t4 && e4.baseMetricEquivalent && this.isComponentValueDefined(t4) && (e4.baseMetricEquivalentMapper ? this.applyComponentString(e4.baseMetricEquivalent.shortName, e4.baseMetricEquivalentMapper(t4).shortName, false) : this.applyComponentString(e4.baseMetricEquivalent.shortName, t4.shortName, false), this.applyComponent(e4, e4.values[0], false));
            }
            this.vectorChangedListeners.forEach(((e3) => e3(this)));
          }
          isComponentValueDefined(e3) {
            return void 0 !== e3 && "ND" !== e3.shortName && "X" !== e3.shortName;
          }
          static _reorderAttributeSeverityOrder(e3) {
            const t3 = [];
            return e3.forEach(((e4, o2) => {
              t3.push([e4]);
            })), t3;
          }
        };
      }, 156: function(e2, t2, o) {
        var a = this && this.__createBinding || (Object.create ? function(e3, t3, o2, a2) {
          void 0 === a2 && (a2 = o2);
          var i2 = Object.getOwnPropertyDescriptor(t3, o2);
          i2 && !("get" in i2 ? !t3.__esModule : i2.writable || i2.configurable) || (i2 = { enumerable: true, get: function() {
            return t3[o2];
          } }), Object.defineProperty(e3, a2, i2);
        } : function(e3, t3, o2, a2) {
          void 0 === a2 && (a2 = o2), e3[a2] = t3[o2];
        }), i = this && this.__exportStar || function(e3, t3) {
          for (var o2 in e3) "default" === o2 || Object.prototype.hasOwnProperty.call(t3, o2) || a(t3, e3, o2);
        };
        Object.defineProperty(t2, "__esModule", { value: true }), t2.Cvss4P0 = t2.Cvss3P0 = t2.Cvss3P1 = t2.Cvss2 = t2.CvssVector = void 0;
        var s = o(154);
        Object.defineProperty(t2, "CvssVector", { enumerable: true, get: function() {
          return s.CvssVector;
        } }), i(o(564), t2);
        var n = o(475);
        Object.defineProperty(t2, "Cvss2", { enumerable: true, get: function() {
          return n.Cvss2;
        } });
        var r = o(371);
        Object.defineProperty(t2, "Cvss3P1", { enumerable: true, get: function() {
          return r.Cvss3P1;
        } });
        var c = o(623);
        Object.defineProperty(t2, "Cvss3P0", { enumerable: true, get: function() {
          return c.Cvss3P0;
        } });
        var l = o(987);
        Object.defineProperty(t2, "Cvss4P0", { enumerable: true, get: function() {
          return l.Cvss4P0;
        } });
      }, 331: (e2, t2) => {
        var o;
        Object.defineProperty(t2, "__esModule", { value: true }), t2.Cvss3P0Components = void 0;
        class a {
        }
        t2.Cvss3P0Components = a, o = a, a.CONFIDENTIALITY_IMPACT_VALUES = { X: { shortName: "X", value: 0, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, N: { shortName: "N", value: 0, name: "None", jsonSchemaName: "NONE", description: "There is no loss of confidentiality within the impacted component." }, L: { shortName: "L", value: 0.22, name: "Low", jsonSchemaName: "LOW", description: "There is some loss of confidentiality. Access to some restricted information is obtained, but the attacker does not have control over what information is obtained, or the amount or kind of loss is limited. The information disclosure does not cause a direct, serious loss to the impacted component." }, H: { shortName: "H", value: 0.56, name: "High", jsonSchemaName: "HIGH", description: "There is a total loss of confidentiality, resulting in all resources within the impacted component being divulged to the attacker. Alternatively, access to only some restricted information is obtained, but the disclosed information presents a direct, serious impact. For example, an attacker steals the administrator's password, or private encryption keys of a web server." } }, a.CONFIDENTIALITY_IMPACT = [o.CONFIDENTIALITY_IMPACT_VALUES.X, o.CONFIDENTIALITY_IMPACT_VALUES.N, o.CONFIDENTIALITY_IMPACT_VALUES.L, o.CONFIDENTIALITY_IMPACT_VALUES.H], a.INTEGRITY_IMPACT_VALUES = { X: { shortName: "X", value: 0, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, N: { shortName: "N", value: 0, name: "None", jsonSchemaName: "NONE", description: "There is no loss of integrity within the impacted component." }, L: { shortName: "L", value: 0.22, name: "Low", jsonSchemaName: "LOW", description: "Modification of data is possible, but the attacker does not have control over the consequence of a modification, or the amount of modification is limited. The data modification does not have a direct, serious impact on the impacted component." }, H: { shortName: "H", value: 0.56, name: "High", jsonSchemaName: "HIGH", description: "There is a total loss of integrity, or a complete loss of protection. For example, the attacker is able to modify any/all files protected by the impacted component. Alternatively, only some files can be modified, but malicious modification would present a direct, serious consequence to the impacted component." } }, a.INTEGRITY_IMPACT = [o.INTEGRITY_IMPACT_VALUES.X, o.INTEGRITY_IMPACT_VALUES.N, o.INTEGRITY_IMPACT_VALUES.L, o.INTEGRITY_IMPACT_VALUES.H], a.AVAILABILITY_IMPACT_VALUES = { X: { shortName: "X", value: 0, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, N: { shortName: "N", value: 0, name: "None", jsonSchemaName: "NONE", description: "There is no impact to availability within the impacted component." }, L: { shortName: "L", value: 0.22, name: "Low", jsonSchemaName: "LOW", description: "Performance is reduced or there are interruptions in resource availability. Even if repeated exploitation of the vulnerability is possible, the attacker does not have the ability to completely deny service to legitimate users. The resources in the impacted component are either partially available all of the time, or fully available only some of the time, but overall there is no direct, serious consequence to the impacted component." }, H: { shortName: "H", value: 0.56, name: "High", jsonSchemaName: "HIGH", description: "There is a total loss of availability, resulting in the attacker being able to fully deny access to resources in the impacted component; this loss is either sustained (while the attacker continues to deliver the attack) or persistent (the condition persists even after the attack has completed). Alternatively, the attacker has the ability to deny some availability, but the loss of availability presents a direct, serious consequence to the impacted component (e.g., the attacker cannot disrupt existing connections, but can prevent new connections; the attacker can repeatedly exploit a vulnerability that, in each instance of a successful attack, leaks a only small amount of memory, but after repeated exploitation causes a service to become completely unavailable)." } }, a.AVAILABILITY_IMPACT = [o.AVAILABILITY_IMPACT_VALUES.X, o.AVAILABILITY_IMPACT_VALUES.N, o.AVAILABILITY_IMPACT_VALUES.L, o.AVAILABILITY_IMPACT_VALUES.H], a.CONFIDENTIALITY_REQUIREMENT_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value indicates there is insufficient information to choose one of the other values, and has no impact on the overall Environmental Score, i.e., it has the same effect on scoring as assigning Medium." }, L: { shortName: "L", value: 0.5, name: "Low", jsonSchemaName: "LOW", description: "Loss of Confidentiality is likely to have only a limited adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, M: { shortName: "M", value: 1, name: "Medium", jsonSchemaName: "MEDIUM", description: "Loss of Confidentiality is likely to have a serious adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, H: { shortName: "H", value: 1.5, name: "High", jsonSchemaName: "HIGH", description: "Loss of Confidentiality is likely to have a catastrophic adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." } }, a.CONFIDENTIALITY_REQUIREMENT = [o.CONFIDENTIALITY_REQUIREMENT_VALUES.X, o.CONFIDENTIALITY_REQUIREMENT_VALUES.L, o.CONFIDENTIALITY_REQUIREMENT_VALUES.M, o.CONFIDENTIALITY_REQUIREMENT_VALUES.H], a.INTEGRITY_REQUIREMENT_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value indicates there is insufficient information to choose one of the other values, and has no impact on the overall Environmental Score, i.e., it has the same effect on scoring as assigning Medium." }, L: { shortName: "L", value: 0.5, name: "Low", jsonSchemaName: "LOW", description: "Loss of Integrity is likely to have only a limited adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, M: { shortName: "M", value: 1, name: "Medium", jsonSchemaName: "MEDIUM", description: "Loss of Integrity is likely to have a serious adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, H: { shortName: "H", value: 1.5, name: "High", jsonSchemaName: "HIGH", description: "Loss of Integrity is likely to have a catastrophic adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." } }, a.INTEGRITY_REQUIREMENT = [o.INTEGRITY_REQUIREMENT_VALUES.X, o.INTEGRITY_REQUIREMENT_VALUES.L, o.INTEGRITY_REQUIREMENT_VALUES.M, o.INTEGRITY_REQUIREMENT_VALUES.H], a.AVAILABILITY_REQUIREMENT_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value indicates there is insufficient information to choose one of the other values, and has no impact on the overall Environmental Score, i.e., it has the same effect on scoring as assigning Medium." }, L: { shortName: "L", value: 0.5, name: "Low", jsonSchemaName: "LOW", description: "Loss of Availability is likely to have only a limited adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, M: { shortName: "M", value: 1, name: "Medium", jsonSchemaName: "MEDIUM", description: "Loss of Availability is likely to have a serious adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, H: { shortName: "H", value: 1.5, name: "High", jsonSchemaName: "HIGH", description: "Loss of Availability is likely to have a catastrophic adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." } }, a.AVAILABILITY_REQUIREMENT = [o.AVAILABILITY_REQUIREMENT_VALUES.X, o.AVAILABILITY_REQUIREMENT_VALUES.L, o.AVAILABILITY_REQUIREMENT_VALUES.M, o.AVAILABILITY_REQUIREMENT_VALUES.H], a.TEMPLATE_CIA_REQUIREMENT_MODIFIED_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, L: { shortName: "L", value: 0.5, name: "Low", jsonSchemaName: "LOW", description: "There is no impact to the integrity of the system." }, M: { shortName: "M", value: 1, name: "Medium", jsonSchemaName: "MEDIUM", description: "There is a partial compromise of system integrity." }, H: { shortName: "H", value: 1.5, name: "High", jsonSchemaName: "HIGH", description: "There is a total compromise of system integrity." } }, a.TEMPLATE_CIA_REQUIREMENT_MODIFIED = [o.TEMPLATE_CIA_REQUIREMENT_MODIFIED_VALUES.X, o.TEMPLATE_CIA_REQUIREMENT_MODIFIED_VALUES.L, o.TEMPLATE_CIA_REQUIREMENT_MODIFIED_VALUES.M, o.TEMPLATE_CIA_REQUIREMENT_MODIFIED_VALUES.H], a.BASE_CATEGORY = { name: "base", description: "This metric reflects the qualities of a vulnerability that are constant over time and across user environments." }, a.AV_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, N: { shortName: "N", value: 0.85, name: "Network", abbreviatedName: "Netw.", jsonSchemaName: "NETWORK", description: "The vulnerable component is bound to the network stack and the set of possible attackers extends beyond the other options listed below, up to and including the entire Internet." }, A: { shortName: "A", value: 0.62, name: "Adjacent Network", abbreviatedName: "Adj. Network", jsonSchemaName: "ADJACENT_NETWORK", description: "The vulnerable component is bound to the network stack, but the attack is limited at the protocol level to a logically adjacent topology." }, L: { shortName: "L", value: 0.55, name: "Local", jsonSchemaName: "LOCAL", description: "The vulnerable component is not bound to the network stack and the attacker's path is via read/write/execute capabilities." }, P: { shortName: "P", value: 0.2, name: "Physical", abbreviatedName: "Phys.", jsonSchemaName: "PHYSICAL", description: "The attack requires the attacker to physically touch or manipulate the vulnerable component." } }, a.AV = { name: "Attack Vector", shortName: "AV", subCategory: "Exploitability Metrics", description: "This metric reflects the context by which vulnerability exploitation is possible. The more remote an attacker can be to attack a host, the greater the vulnerability score.", values: [o.AV_VALUES.X, o.AV_VALUES.N, o.AV_VALUES.A, o.AV_VALUES.L, o.AV_VALUES.P] }, a.AC_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, L: { shortName: "L", value: 0.77, name: "Low", jsonSchemaName: "LOW", description: "Specialized access conditions or extenuating circumstances do not exist. An attacker can expect repeatable success when attacking the vulnerable component." }, H: { shortName: "H", value: 0.44, name: "High", jsonSchemaName: "HIGH", description: "A successful attack depends on conditions beyond the attacker's control. That is, a successful attack cannot be accomplished at will, but requires the attacker to invest in some measurable amount of effort in preparation or execution against the vulnerable component before a successful attack can be expected." } }, a.AC = { name: "Attack Complexity", shortName: "AC", subCategory: "Exploitability Metrics", description: "This metric describes the conditions beyond the attacker's control that must exist in order to exploit the vulnerability.", values: [o.AC_VALUES.X, o.AC_VALUES.L, o.AC_VALUES.H] }, a.PR_VALUES = { X: { shortName: "X", value: 1, changedValue: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, N: { shortName: "N", value: 0.85, changedValue: 0.85, name: "None", jsonSchemaName: "NONE", description: "The attacker is unauthorized prior to attack, and therefore does not require any access to settings or files of the vulnerable system to carry out an attack." }, L: { shortName: "L", value: 0.62, changedValue: 0.68, name: "Low", jsonSchemaName: "LOW", description: "The attacker requires privileges that provide basic user capabilities that could normally affect only settings and files owned by a user. Alternatively, an attacker with Low privileges has the ability to access only non-sensitive resources." }, H: { shortName: "H", value: 0.27, changedValue: 0.5, name: "High", jsonSchemaName: "HIGH", description: "The attacker requires privileges that provide significant (e.g., administrative) control over the vulnerable component allowing access to component-wide settings and files." } }, a.PR = { name: "Privileges Required", shortName: "PR", subCategory: "Exploitability Metrics", description: "This metric describes the level of privileges an attacker must possess before successfully exploiting the vulnerability.", values: [o.PR_VALUES.X, o.PR_VALUES.N, o.PR_VALUES.L, o.PR_VALUES.H] }, a.UI_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, N: { shortName: "N", value: 0.85, name: "None", jsonSchemaName: "NONE", description: "The vulnerable system can be exploited without interaction from any user." }, R: { shortName: "R", value: 0.62, name: "Required", abbreviatedName: "Req.", jsonSchemaName: "REQUIRED", description: "Successful exploitation of this vulnerability requires a user to take some action before the vulnerability can be exploited. For example, a successful exploit may only be possible during the installation of an application by a system administrator." } }, a.UI = { name: "User Interaction", shortName: "UI", subCategory: "Exploitability Metrics", description: "This metric captures the requirement for a user, other than the attacker, to participate in the successful compromise of the vulnerable component.", values: [o.UI_VALUES.X, o.UI_VALUES.N, o.UI_VALUES.R] }, a.S_VALUES = { X: { shortName: "X", value: false, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, U: { shortName: "U", value: false, name: "Unchanged", abbreviatedName: "Unchang.", jsonSchemaName: "UNCHANGED", description: "An exploited vulnerability can only affect resources managed by the same authority." }, C: { shortName: "C", value: true, name: "Changed", jsonSchemaName: "CHANGED", description: "An exploited vulnerability can affect resources beyond the authorization privileges intended by the vulnerable system's design." } }, a.S = { name: "Scope", shortName: "S", subCategory: "Exploitability Metrics", description: "Can an exploit of the vulnerability be accomplished remotely?", values: [o.S_VALUES.X, o.S_VALUES.U, o.S_VALUES.C] }, a.C = { name: "Confidentiality Impact", shortName: "C", subCategory: "Impact Metrics", description: "This metric measures the impact to the confidentiality of the information resources managed by a software component due to a successfully exploited vulnerability.", values: o.CONFIDENTIALITY_IMPACT }, a.I = { name: "Integrity Impact", shortName: "I", subCategory: "Impact Metrics", description: "This metric measures the impact to integrity of a successfully exploited vulnerability.", values: o.INTEGRITY_IMPACT }, a.A = { name: "Availability Impact", shortName: "A", subCategory: "Impact Metrics", description: "This metric measures the impact to the availability of the impacted component resulting from a successfully exploited vulnerability.", values: o.AVAILABILITY_IMPACT }, a.BASE_CATEGORY_VALUES = [o.AV, o.AC, o.PR, o.UI, o.S, o.C, o.I, o.A], a.TEMPORAL_CATEGORY = { name: "temporal", description: "This metric reflects the current state of exploit techniques or code availability." }, a.E_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, U: { shortName: "U", value: 0.91, name: "Unproven", abbreviatedName: "Unproven", description: "No exploit code is available, or an exploit is theoretical." }, P: { shortName: "P", value: 0.94, name: "Proof-of-Concept", abbreviatedName: "Proof-of-conc.", jsonSchemaName: "PROOF_OF_CONCEPT", description: "Proof-of-concept exploit code is available, or an attack demonstration is not practical for most systems. The code or technique is not functional in all situations and may require substantial modification by a skilled attacker." }, F: { shortName: "F", value: 0.97, name: "Functional", jsonSchemaName: "FUNCTIONAL", description: "Functional exploit code is available. The code works in most situations where the vulnerability exists." }, H: { shortName: "H", value: 1, name: "High", jsonSchemaName: "HIGH", description: "Functional exploit code is available. The code is widespread and automated and works in all situations where the vulnerability exists." } }, a.E = { name: "Exploit Code Maturity", shortName: "E", description: "This metric measures the likelihood of the vulnerability being attacked, and is typically based on the current state of exploit techniques, exploit code availability, or active, successful exploitation of the vulnerability.", values: [o.E_VALUES.X, o.E_VALUES.U, o.E_VALUES.P, o.E_VALUES.F, o.E_VALUES.H] }, a.RL_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, O: { shortName: "O", value: 0.95, name: "Official Fix", abbreviatedName: "Off. Fix", jsonSchemaName: "OFFICIAL_FIX", description: "A complete vendor solution is available. Either the vendor has issued an official patch, or an upgrade is available." }, T: { shortName: "T", value: 0.96, name: "Temporary Fix", abbreviatedName: "Temp. Fix", jsonSchemaName: "TEMPORARY_FIX", description: "There is an official but temporary fix available. This includes instances where the vendor issues a temporary hotfix, tool, or workaround." }, W: { shortName: "W", value: 0.97, name: "Workaround", jsonSchemaName: "WORKAROUND", description: "There is an unofficial, non-vendor solution available. In some cases, users of the affected technology will create a patch of their own or provide steps to work around or otherwise mitigate the vulnerability." }, U: { shortName: "U", value: 1, name: "Unavailable", jsonSchemaName: "UNAVAILABLE", description: "There is either no solution available or it is impossible to apply." } }, a.RL = { name: "Remediation Level", shortName: "RL", description: "This metric describes the remediation level for a vulnerability in an affected resource.", values: [o.RL_VALUES.X, o.RL_VALUES.O, o.RL_VALUES.T, o.RL_VALUES.W, o.RL_VALUES.U] }, a.RC_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, U: { shortName: "U", value: 0.92, name: "Unknown", description: "Report confidence is unknown." }, R: { shortName: "R", value: 0.96, name: "Reasonable", jsonSchemaName: "REASONABLE", description: "Reasonable confidence exists, or the reported vulnerability is in a component not typically used by a target or not having a large installed base." }, C: { shortName: "C", value: 1, name: "Confirmed", jsonSchemaName: "CONFIRMED", description: "Confirmed confidence exists, or the exploit is functional in the environment where the vulnerability exists." } }, a.RC = { name: "Report Confidence", shortName: "RC", description: "This metric describes the level of confidence in the existence of the vulnerability and the credibility of the known technical details.", values: [o.RC_VALUES.X, o.RC_VALUES.U, o.RC_VALUES.R, o.RC_VALUES.C] }, a.TEMPORAL_CATEGORY_VALUES = [o.E, o.RL, o.RC], a.ENVIRONMENTAL_CATEGORY = { name: "environmental", description: "This metric reflects the characteristics of a vulnerability that are relevant and unique to a particular user's environment. This metric can greatly improve the accuracy of a score." }, a.MAV_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, N: { shortName: "N", value: 0.85, name: "Network", abbreviatedName: "Netw.", jsonSchemaName: "NETWORK", description: "The vulnerable component is bound to the network stack and the set of possible attackers extends beyond the other options listed below, up to and including the entire Internet." }, A: { shortName: "A", value: 0.62, name: "Adjacent Network", abbreviatedName: "Adj. Network", jsonSchemaName: "ADJACENT_NETWORK", description: "The vulnerable component is bound to the network stack, but the attack is limited at the protocol level to a logically adjacent topology." }, L: { shortName: "L", value: 0.55, name: "Local", jsonSchemaName: "LOCAL", description: "The vulnerable component is not bound to the network stack and the attacker's path is via read/write/execute capabilities." }, P: { shortName: "P", value: 0.2, name: "Physical", abbreviatedName: "Phys.", jsonSchemaName: "PHYSICAL", description: "The attack requires the attacker to physically touch or manipulate the vulnerable component." } }, a.MAV = { name: "Modified Attack Vector", shortName: "MAV", subCategory: "Exploitability Metrics", description: "This metric reflects the context by which vulnerability exploitation is possible. The more remote an attacker can be to attack a host, the greater the vulnerability score.", baseMetricEquivalent: o.AV, values: [o.MAV_VALUES.X, o.MAV_VALUES.N, o.MAV_VALUES.A, o.MAV_VALUES.L, o.MAV_VALUES.P] }, a.MAC_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, L: { shortName: "L", value: 0.77, name: "Low", jsonSchemaName: "LOW", description: "Specialized access conditions or extenuating circumstances do not exist. An attacker can expect repeatable success when attacking the vulnerable component." }, H: { shortName: "H", value: 0.44, name: "High", jsonSchemaName: "HIGH", description: "A successful attack depends on conditions beyond the attacker's control. That is, a successful attack cannot be accomplished at will, but requires the attacker to invest in some measurable amount of effort in preparation or execution against the vulnerable component before a successful attack can be expected." } }, a.MAC = { name: "Modified Attack Complexity", shortName: "MAC", subCategory: "Exploitability Metrics", description: "This metric describes the conditions beyond the attacker's control that must exist in order to exploit the vulnerability.", baseMetricEquivalent: o.AC, values: [o.MAC_VALUES.X, o.MAC_VALUES.L, o.MAC_VALUES.H] }, a.MPR_VALUES = { X: { shortName: "X", value: 1, changedValue: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, N: { shortName: "N", value: 0.85, changedValue: 0.85, name: "None", jsonSchemaName: "NONE", description: "The attacker is unauthorized prior to attack, and therefore does not require any access to settings or files of the vulnerable system to carry out an attack." }, L: { shortName: "L", value: 0.62, changedValue: 0.68, name: "Low", jsonSchemaName: "LOW", description: "The attacker requires privileges that provide basic user capabilities that could normally affect only settings and files owned by a user. Alternatively, an attacker with Low privileges has the ability to access only non-sensitive resources." }, H: { shortName: "H", value: 0.27, changedValue: 0.5, name: "High", jsonSchemaName: "HIGH", description: "The attacker requires privileges that provide significant (e.g., administrative) control over the vulnerable component allowing access to component-wide settings and files." } }, a.MPR = { name: "Modified Privileges Required", shortName: "MPR", subCategory: "Exploitability Metrics", description: "This metric describes the level of privileges an attacker must possess before successfully exploiting the vulnerability.", baseMetricEquivalent: o.PR, values: [o.MPR_VALUES.X, o.MPR_VALUES.N, o.MPR_VALUES.L, o.MPR_VALUES.H] }, a.MUI_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, N: { shortName: "N", value: 0.85, name: "None", jsonSchemaName: "NONE", description: "The vulnerable system can be exploited without interaction from any user." }, R: { shortName: "R", value: 0.62, name: "Required", jsonSchemaName: "REQUIRED", description: "Successful exploitation of this vulnerability requires a user to take some action before the vulnerability can be exploited. For example, a successful exploit may only be possible during the installation of an application by a system administrator." } }, a.MUI = { name: "Modified User Interaction", shortName: "MUI", subCategory: "Exploitability Metrics", description: "This metric captures the requirement for a user, other than the attacker, to participate in the successful compromise of the vulnerable component.", baseMetricEquivalent: o.UI, values: [o.MUI_VALUES.X, o.MUI_VALUES.N, o.MUI_VALUES.R] }, a.MS_VALUES = { X: { shortName: "X", value: false, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, U: { shortName: "U", value: false, name: "Unchanged", abbreviatedName: "Unchang.", jsonSchemaName: "UNCHANGED", description: "An exploited vulnerability can only affect resources managed by the same authority." }, C: { shortName: "C", value: true, name: "Changed", jsonSchemaName: "CHANGED", description: "An exploited vulnerability can affect resources beyond the authorization privileges intended by the vulnerable system's design." } }, a.MS = { name: "Modified Scope", shortName: "MS", subCategory: "Exploitability Metrics", description: "Can an exploit of the vulnerability be accomplished remotely?", baseMetricEquivalent: o.S, values: [o.MS_VALUES.X, o.MS_VALUES.U, o.MS_VALUES.C] }, a.MC = { name: "Confidentiality Impact", shortName: "MC", subCategory: "Modified Impact", description: "This metric measures the impact to the confidentiality of the information resources managed by a software component due to a successfully exploited vulnerability.", baseMetricEquivalent: o.C, values: o.CONFIDENTIALITY_IMPACT }, a.MI = { name: "Integrity Impact", shortName: "MI", subCategory: "Modified Impact", description: "This metric measures the impact to integrity of a successfully exploited vulnerability.", baseMetricEquivalent: o.I, values: o.INTEGRITY_IMPACT }, a.MA = { name: "Availability Impact", shortName: "MA", subCategory: "Modified Impact", description: "This metric measures the impact to the availability of the impacted component resulting from a successfully exploited vulnerability.", baseMetricEquivalent: o.A, values: o.AVAILABILITY_IMPACT }, a.CR = { name: "Confidentiality Requirement", shortName: "CR", subCategory: "Modified Requirement (Impact Subscore) Modifiers", description: "This metric describes the remediation level for a vulnerability in an affected resource.", values: o.CONFIDENTIALITY_REQUIREMENT }, a.IR = { name: "Integrity Requirement", shortName: "IR", subCategory: "Modified Requirement (Impact Subscore) Modifiers", description: "This metric describes the remediation level for a vulnerability in an affected resource.", values: o.INTEGRITY_REQUIREMENT }, a.AR = { name: "Availability Requirement", shortName: "AR", subCategory: "Modified Requirement (Impact Subscore) Modifiers", description: "This metric describes the remediation level for a vulnerability in an affected resource.", values: o.AVAILABILITY_REQUIREMENT }, a.ENVIRONMENTAL_CATEGORY_VALUES = [o.CR, o.IR, o.AR, o.MAV, o.MAC, o.MPR, o.MUI, o.MS, o.MC, o.MI, o.MA], a.REGISTERED_COMPONENTS = /* @__PURE__ */ new Map(), o.REGISTERED_COMPONENTS.set(o.BASE_CATEGORY, o.BASE_CATEGORY_VALUES), o.REGISTERED_COMPONENTS.set(o.TEMPORAL_CATEGORY, o.TEMPORAL_CATEGORY_VALUES), o.REGISTERED_COMPONENTS.set(o.ENVIRONMENTAL_CATEGORY, o.ENVIRONMENTAL_CATEGORY_VALUES), a.ATTRIBUTE_SEVERITY_ORDER = [[o.S_VALUES.U, o.MS_VALUES.U], [o.CONFIDENTIALITY_IMPACT_VALUES.N, o.INTEGRITY_IMPACT_VALUES.N, o.AVAILABILITY_IMPACT_VALUES.N], [o.AV_VALUES.P, o.MAV_VALUES.P], [o.CONFIDENTIALITY_IMPACT_VALUES.L, o.INTEGRITY_IMPACT_VALUES.L, o.AVAILABILITY_IMPACT_VALUES.L], [o.PR_VALUES.H, o.MPR_VALUES.H], [o.AC_VALUES.H, o.MAC_VALUES.H], [o.CONFIDENTIALITY_REQUIREMENT_VALUES.L, o.INTEGRITY_REQUIREMENT_VALUES.L, o.AVAILABILITY_REQUIREMENT_VALUES.L], [o.AV_VALUES.L, o.MAV_VALUES.L], [o.CONFIDENTIALITY_IMPACT_VALUES.H, o.INTEGRITY_IMPACT_VALUES.H, o.AVAILABILITY_IMPACT_VALUES.H], [o.AV_VALUES.A, o.MAV_VALUES.A], [o.UI_VALUES.R, o.MUI_VALUES.R], [o.PR_VALUES.L, o.MPR_VALUES.L], [o.AC_VALUES.L, o.MAC_VALUES.L], [o.AV_VALUES.N, o.MAV_VALUES.N], [o.PR_VALUES.N, o.MPR_VALUES.N], [o.UI_VALUES.N, o.MUI_VALUES.N], [o.E_VALUES.U], [o.E_VALUES.P], [o.E_VALUES.F], [o.E_VALUES.H], [o.E_VALUES.X], [o.RC_VALUES.U], [o.RL_VALUES.O], [o.RL_VALUES.T], [o.RC_VALUES.R], [o.RL_VALUES.W], [o.AV_VALUES.X, o.MAV_VALUES.X], [o.AC_VALUES.X, o.MAC_VALUES.X], [o.PR_VALUES.X, o.MPR_VALUES.X], [o.UI_VALUES.X, o.MUI_VALUES.X], [o.S_VALUES.C, o.MS_VALUES.C], [o.S_VALUES.X, o.MS_VALUES.X], [o.CONFIDENTIALITY_IMPACT_VALUES.X], [o.INTEGRITY_IMPACT_VALUES.X], [o.AVAILABILITY_IMPACT_VALUES.X], [o.RL_VALUES.U], [o.RL_VALUES.X], [o.RC_VALUES.C], [o.RC_VALUES.X], [o.CONFIDENTIALITY_REQUIREMENT_VALUES.M, o.INTEGRITY_REQUIREMENT_VALUES.M, o.AVAILABILITY_REQUIREMENT_VALUES.M], [o.CONFIDENTIALITY_REQUIREMENT_VALUES.X, o.INTEGRITY_REQUIREMENT_VALUES.X, o.AVAILABILITY_REQUIREMENT_VALUES.X], [o.CONFIDENTIALITY_REQUIREMENT_VALUES.H, o.INTEGRITY_REQUIREMENT_VALUES.H, o.AVAILABILITY_REQUIREMENT_VALUES.H]];
      }, 371: (e2, t2, o) => {
        Object.defineProperty(t2, "__esModule", { value: true }), t2.Cvss3P1 = void 0;
        const a = o(154), i = o(951);
        class s extends a.CvssVector {
          constructor(e3) {
            super(e3);
          }
          getRegisteredComponents() {
            return i.Cvss3P1Components.REGISTERED_COMPONENTS;
          }
          getVectorPrefix() {
            return "CVSS:3.1/";
          }
          getVectorName() {
            return "CVSS:3.1";
          }
          fillAverageVector() {
            this.applyVector("AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L");
          }
          fillRandomBaseVector() {
            this.fillRandomComponentsForCategory(i.Cvss3P1Components.BASE_CATEGORY);
          }
          fillRandomTemporalVector() {
            this.fillRandomComponentsForCategory(i.Cvss3P1Components.TEMPORAL_CATEGORY);
          }
          fillRandomEnvironmentalVector() {
            this.fillRandomComponentsForCategory(i.Cvss3P1Components.ENVIRONMENTAL_CATEGORY);
          }
          fillRandomComponentsForCategory(e3) {
            const t3 = i.Cvss3P1Components.REGISTERED_COMPONENTS.get(e3);
            if (t3) for (let e4 = 0; e4 < t3.length; e4++) {
              const o2 = t3[e4], a2 = super.pickRandomDefinedComponentValue(o2);
              if (!a2) return console.warn("Failed to pick random vector component for", o2), void this.fillAverageVector();
              this.applyComponent(o2, a2);
            }
            else console.warn("Failed to pick random vector components for", e3);
          }
          calculateScoresInternal(e3 = false) {
            const t3 = this.isBaseFullyDefined(), o2 = this.isAnyTemporalDefined(), a2 = this.isAnyEnvironmentalDefined();
            return { normalized: e3, base: t3 ? super.round(this.calculateExactBaseScore(), 1) : void 0, impact: t3 ? super.normalizeScore(super.round(this.calculateImpactScore(), 1), e3 ? 6 : 10) : void 0, exploitability: t3 ? super.normalizeScore(super.round(this.calculateExactExploitabilityScore(), 1), e3 ? 3.9 : 10) : void 0, temporal: t3 && o2 ? super.round(this.calculateExactTemporalScore(), 1) : void 0, environmental: t3 && a2 ? super.round(this.calculateExactEnvironmentalScore(), 1) : void 0, modifiedImpact: t3 && a2 ? super.normalizeScore(super.round(Math.max(0, this.calculateExactAdjustedImpactScore()), 1), e3 ? 6.1 : 10) : void 0, overall: super.round(this.calculateExactOverallScore(), 1), vector: this.toString() };
          }
          calculateExactBaseScore() {
            if (!this.isBaseFullyDefined()) return 0;
            let e3 = this.calculateExactImpactScore();
            if (e3 <= 0) return 0;
            let t3 = this.calculateExactExploitabilityScore();
            return this.getComponent(i.Cvss3P1Components.S).value ? super.roundUp(Math.min(s.SCOPE_COEFFICIENT * (e3 + t3), 10)) : super.roundUp(Math.min(e3 + t3, 10));
          }
          calculateImpactScore() {
            const e3 = this.calculateExactImpactScore();
            return e3 <= 0 ? 0 : e3;
          }
          calculateExactImpactScore() {
            let e3 = this.calculateExactISSScore();
            return this.getComponent(i.Cvss3P1Components.S).value ? s.SCOPE_CHANGED_FACTOR * (e3 - 0.029) - 3.25 * Math.pow(e3 - 0.02, 15) : s.SCOPE_UNCHANGED_FACTOR * e3;
          }
          calculateExactISSScore() {
            return 1 - (1 - this.getComponent(i.Cvss3P1Components.C).value) * (1 - this.getComponent(i.Cvss3P1Components.I).value) * (1 - this.getComponent(i.Cvss3P1Components.A).value);
          }
          calculateExactMISSScore() {
            let e3, t3, o2, a2, s2, n, r = this.getComponent(i.Cvss3P1Components.MC), c = this.getComponent(i.Cvss3P1Components.MI), l = this.getComponent(i.Cvss3P1Components.MA), m = this.getComponent(i.Cvss3P1Components.C), h = this.getComponent(i.Cvss3P1Components.I), E = this.getComponent(i.Cvss3P1Components.A), u = this.getComponent(i.Cvss3P1Components.CR), d = this.getComponent(i.Cvss3P1Components.IR), p = this.getComponent(i.Cvss3P1Components.AR);
            return e3 = r === i.Cvss3P1Components.MC.values[0] ? m.value : r.value, t3 = c === i.Cvss3P1Components.MI.values[0] ? h.value : c.value, o2 = l === i.Cvss3P1Components.MA.values[0] ? E.value : l.value, i.Cvss3P1Components.CR.values[0], a2 = u.value, i.Cvss3P1Components.IR.values[0], s2 = d.value, i.Cvss3P1Components.AR.values[0], n = p.value, Math.min(1 - (1 - a2 * e3) * (1 - s2 * t3) * (1 - n * o2), 0.915);
          }
          calculateExactExploitabilityScore() {
            const e3 = this.getComponent(i.Cvss3P1Components.AV).value, t3 = this.getComponent(i.Cvss3P1Components.AC).value, o2 = this.getComponent(i.Cvss3P1Components.UI).value;
            let a2;
            return a2 = this.getComponent(i.Cvss3P1Components.S).value ? this.getComponent(i.Cvss3P1Components.PR).changedValue : this.getComponent(i.Cvss3P1Components.PR).value, s.EXPLOITABILITY_COEFFICIENT * e3 * t3 * a2 * o2;
          }
          calculateExactTemporalScore() {
            if (!this.isBaseFullyDefined()) return 0;
            if (!this.isAnyTemporalDefined()) return 0;
            let e3 = this.getComponent(i.Cvss3P1Components.E).value, t3 = this.getComponent(i.Cvss3P1Components.RL).value, o2 = this.getComponent(i.Cvss3P1Components.RC).value, a2 = this.calculateExactBaseScore();
            return super.roundUp(a2 * e3 * t3 * o2);
          }
          calculateExactEnvironmentalScore() {
            if (!this.isBaseFullyDefined()) return 0;
            if (!this.isAnyEnvironmentalDefined()) return 0;
            let e3 = this.calculateExactAdjustedImpactScore();
            if (e3 <= 0) return 0;
            let t3 = this.calculateAdjustedExploitability(), o2 = this.getComponent(i.Cvss3P1Components.E).value, a2 = this.getComponent(i.Cvss3P1Components.RL).value, n = this.getComponent(i.Cvss3P1Components.RC).value;
            if (this.isModifiedScope()) {
              let i2 = super.roundUp(Math.min(e3 + t3, 10));
              return super.roundUp(i2 * o2 * a2 * n);
            }
            {
              let i2 = super.roundUp(Math.min(s.SCOPE_COEFFICIENT * (e3 + t3), 10));
              return super.roundUp(i2 * o2 * a2 * n);
            }
          }
          calculateExactAdjustedImpactScore() {
            if (!this.isBaseFullyDefined()) return 0;
            if (!this.isAnyEnvironmentalDefined()) return 0;
            let e3 = this.calculateExactMISSScore();
            return this.isModifiedScope() ? s.SCOPE_UNCHANGED_FACTOR * e3 : s.SCOPE_CHANGED_FACTOR * (e3 - 0.029) - 3.25 * Math.pow(0.9731 * e3 - 0.02, 13);
          }
          calculateAdjustedExploitability() {
            let e3, t3 = this.getFirstDefinedComponent([i.Cvss3P1Components.MAV, i.Cvss3P1Components.AV]).value, o2 = this.getFirstDefinedComponent([i.Cvss3P1Components.MAC, i.Cvss3P1Components.AC]).value, a2 = this.getFirstDefinedComponent([i.Cvss3P1Components.MUI, i.Cvss3P1Components.UI]).value, n = this.getFirstDefinedComponent([i.Cvss3P1Components.MPR, i.Cvss3P1Components.PR]);
            return e3 = this.isModifiedScope() ? n.value : n.changedValue, s.EXPLOITABILITY_COEFFICIENT * t3 * o2 * e3 * a2;
          }
          isModifiedScope() {
            let e3 = this.getComponent(i.Cvss3P1Components.S), t3 = this.getComponent(i.Cvss3P1Components.MS);
            return t3 === i.Cvss3P1Components.MS.values[0] ? !e3.value : !t3.value;
          }
          calculateExactOverallScore() {
            return this.isAnyEnvironmentalDefined() ? this.calculateExactEnvironmentalScore() : this.isAnyTemporalDefined() ? this.calculateExactTemporalScore() : this.calculateExactBaseScore();
          }
          isBaseFullyDefined() {
            return super.isCategoryFullyDefined(i.Cvss3P1Components.BASE_CATEGORY);
          }
          isTemporalFullyDefined() {
            return super.isCategoryFullyDefined(i.Cvss3P1Components.TEMPORAL_CATEGORY);
          }
          isEnvironmentalFullyDefined() {
            return super.isCategoryFullyDefined(i.Cvss3P1Components.ENVIRONMENTAL_CATEGORY);
          }
          isAnyBaseDefined() {
            return super.isCategoryPartiallyDefined(i.Cvss3P1Components.BASE_CATEGORY);
          }
          isAnyTemporalDefined() {
            return super.isCategoryPartiallyDefined(i.Cvss3P1Components.TEMPORAL_CATEGORY);
          }
          isAnyEnvironmentalDefined() {
            return super.isCategoryPartiallyDefined(i.Cvss3P1Components.ENVIRONMENTAL_CATEGORY);
          }
          getJsonSchemaSeverity(e3) {
            return 0 === e3 || isNaN(e3) ? "NONE" : e3 <= 3.9 ? "LOW" : e3 <= 6.9 ? "MEDIUM" : e3 <= 8.9 ? "HIGH" : "CRITICAL";
          }
          createJsonSchema() {
            const e3 = this.calculateScores();
            return { version: "3.1", vectorString: this.toString(), baseScore: e3.base, temporalScore: e3.temporal, environmentalScore: e3.environmental, baseSeverity: this.getJsonSchemaSeverity(e3.base), temporalSeverity: e3.temporal ? this.getJsonSchemaSeverity(e3.temporal) : void 0, environmentalSeverity: e3.environmental ? this.getJsonSchemaSeverity(e3.environmental) : void 0, attackVector: this.getComponent(i.Cvss3P1Components.AV).jsonSchemaName, attackComplexity: this.getComponent(i.Cvss3P1Components.AC).jsonSchemaName, privilegesRequired: this.getComponent(i.Cvss3P1Components.PR).jsonSchemaName, userInteraction: this.getComponent(i.Cvss3P1Components.UI).jsonSchemaName, scope: this.getComponent(i.Cvss3P1Components.S).jsonSchemaName, confidentialityImpact: this.getComponent(i.Cvss3P1Components.C).jsonSchemaName, integrityImpact: this.getComponent(i.Cvss3P1Components.I).jsonSchemaName, availabilityImpact: this.getComponent(i.Cvss3P1Components.A).jsonSchemaName, exploitCodeMaturity: this.getComponent(i.Cvss3P1Components.E).jsonSchemaName, remediationLevel: this.getComponent(i.Cvss3P1Components.RL).jsonSchemaName, reportConfidence: this.getComponent(i.Cvss3P1Components.RC).jsonSchemaName, confidentialityRequirement: this.getComponent(i.Cvss3P1Components.CR).jsonSchemaName, integrityRequirement: this.getComponent(i.Cvss3P1Components.IR).jsonSchemaName, availabilityRequirement: this.getComponent(i.Cvss3P1Components.AR).jsonSchemaName, modifiedAttackVector: this.getComponent(i.Cvss3P1Components.MAV).jsonSchemaName, modifiedAttackComplexity: this.getComponent(i.Cvss3P1Components.MAC).jsonSchemaName, modifiedPrivilegesRequired: this.getComponent(i.Cvss3P1Components.MPR).jsonSchemaName, modifiedUserInteraction: this.getComponent(i.Cvss3P1Components.MUI).jsonSchemaName, modifiedScope: this.getComponent(i.Cvss3P1Components.MS).jsonSchemaName, modifiedConfidentialityImpact: this.getComponent(i.Cvss3P1Components.MC).jsonSchemaName, modifiedIntegrityImpact: this.getComponent(i.Cvss3P1Components.MI).jsonSchemaName, modifiedAvailabilityImpact: this.getComponent(i.Cvss3P1Components.MA).jsonSchemaName };
          }
        }
        t2.Cvss3P1 = s, s.SCOPE_CHANGED_FACTOR = 7.52, s.SCOPE_UNCHANGED_FACTOR = 6.42, s.EXPLOITABILITY_COEFFICIENT = 8.22, s.SCOPE_COEFFICIENT = 1.08;
      }, 475: (e2, t2, o) => {
        Object.defineProperty(t2, "__esModule", { value: true }), t2.Cvss2 = void 0;
        const a = o(154), i = o(479);
        class s extends a.CvssVector {
          constructor(e3) {
            super(e3);
          }
          getRegisteredComponents() {
            return i.Cvss2Components.REGISTERED_COMPONENTS;
          }
          getVectorPrefix() {
            return "";
          }
          getVectorName() {
            return "CVSS:2.0";
          }
          fillAverageVector() {
            this.applyVector("AV:A/AC:M/Au:N/C:P/I:P/A:P");
          }
          fillRandomBaseVector() {
            const e3 = i.Cvss2Components.BASE_CATEGORY_VALUES;
            for (let t3 = 0; t3 < e3.length; t3++) {
              const o2 = e3[t3], a2 = super.pickRandomDefinedComponentValue(o2);
              if (!a2) return console.warn("Failed to pick random vector component for", o2), void this.fillAverageVector();
              this.applyComponent(o2, a2);
            }
          }
          calculateScoresInternal(e3 = false) {
            const t3 = this.isBaseFullyDefined(), o2 = this.isAnyTemporalDefined(), a2 = this.isAnyEnvironmentalDefined();
            return { normalized: e3, base: t3 ? super.round(this.calculateExactBaseScore(), 1) : void 0, impact: t3 ? super.round(this.calculateExactImpactScore(), 1) : void 0, exploitability: t3 ? super.round(this.calculateExactExploitabilityScore(), 1) : void 0, temporal: t3 && o2 ? super.round(this.calculateExactTemporalScore(), 1) : void 0, environmental: t3 && a2 ? super.round(this.calculateExactEnvironmentalScore(), 1) : void 0, modifiedImpact: t3 && a2 ? super.round(this.calculateExactAdjustedImpactScore(), 1) : void 0, overall: super.round(this.calculateExactOverallScore(), 1), vector: this.toString() };
          }
          calculateExactBaseScore() {
            if (!this.isBaseFullyDefined()) return 0;
            let e3 = this.calculateExactImpactScore();
            return (0.6 * e3 + 0.4 * this.calculateExactExploitabilityScore() - 1.5) * this.f(e3);
          }
          calculateExactImpactScore() {
            return this.isBaseFullyDefined() ? 10.41 * (1 - (1 - this.getComponent(i.Cvss2Components.C).value) * (1 - this.getComponent(i.Cvss2Components.I).value) * (1 - this.getComponent(i.Cvss2Components.A).value)) : 0;
          }
          calculateExactExploitabilityScore() {
            return this.isBaseFullyDefined() ? 20 * this.getComponent(i.Cvss2Components.AC).value * this.getComponent(i.Cvss2Components.Au).value * this.getComponent(i.Cvss2Components.AV).value : 0;
          }
          calculateExactTemporalScore() {
            return this.isAnyTemporalDefined() ? super.round(this.calculateExactBaseScore(), 1) * this.getComponent(i.Cvss2Components.E).value * this.getComponent(i.Cvss2Components.RL).value * this.getComponent(i.Cvss2Components.RC).value : 0;
          }
          calculateExactAdjustedBaseScore() {
            let e3 = this.calculateExactAdjustedImpactScore(), t3 = this.calculateExactExploitabilityScore();
            return t3 = this.round(t3, 1), (0.6 * e3 + 0.4 * t3 - 1.5) * this.f(e3);
          }
          calculateExactAdjustedTemporalScore() {
            return this.calculateExactAdjustedBaseScore() * this.getComponent(i.Cvss2Components.E).value * this.getComponent(i.Cvss2Components.RL).value * this.getComponent(i.Cvss2Components.RC).value;
          }
          calculateExactEnvironmentalScore() {
            if (!this.isAnyEnvironmentalDefined()) return 0;
            let e3 = this.calculateExactAdjustedTemporalScore();
            return (e3 + (10 - e3) * this.getComponent(i.Cvss2Components.CDP).value) * this.getComponent(i.Cvss2Components.TD).value;
          }
          calculateExactAdjustedImpactScore() {
            if (!this.isAnyEnvironmentalDefined()) return 0;
            let e3 = this.getComponent(i.Cvss2Components.C).value, t3 = this.getComponent(i.Cvss2Components.I).value, o2 = this.getComponent(i.Cvss2Components.A).value, a2 = this.getComponent(i.Cvss2Components.CR).value, s2 = this.getComponent(i.Cvss2Components.IR).value, n = this.getComponent(i.Cvss2Components.AR).value;
            return Math.min(10, 10.41 * (1 - (1 - e3 * a2) * (1 - t3 * s2) * (1 - o2 * n)));
          }
          calculateExactOverallScore() {
            return this.isAnyEnvironmentalDefined() ? this.calculateExactEnvironmentalScore() : this.isAnyTemporalDefined() ? this.calculateExactTemporalScore() : this.calculateExactBaseScore();
          }
          isBaseFullyDefined() {
            return super.isCategoryFullyDefined(i.Cvss2Components.BASE_CATEGORY);
          }
          isTemporalFullyDefined() {
            return super.isCategoryFullyDefined(i.Cvss2Components.TEMPORAL_CATEGORY);
          }
          isEnvironmentalFullyDefined() {
            return super.isCategoryFullyDefined(i.Cvss2Components.ENVIRONMENTAL_CATEGORY);
          }
          isAnyBaseDefined() {
            return super.isCategoryPartiallyDefined(i.Cvss2Components.BASE_CATEGORY);
          }
          isAnyTemporalDefined() {
            return super.isCategoryPartiallyDefined(i.Cvss2Components.TEMPORAL_CATEGORY);
          }
          isAnyEnvironmentalDefined() {
            return super.isCategoryPartiallyDefined(i.Cvss2Components.ENVIRONMENTAL_CATEGORY);
          }
          f(e3) {
            return 0 === e3 ? 0 : 1.176;
          }
          createJsonSchema() {
            const e3 = this.calculateScores();
            return { version: "2.0", vectorString: this.toString(), baseScore: e3.base, temporalScore: e3.temporal, environmentalScore: e3.environmental, accessVector: this.getComponent(i.Cvss2Components.AV).jsonSchemaName, accessComplexity: this.getComponent(i.Cvss2Components.AC).jsonSchemaName, authentication: this.getComponent(i.Cvss2Components.Au).jsonSchemaName, confidentialityImpact: this.getComponent(i.Cvss2Components.C).jsonSchemaName, integrityImpact: this.getComponent(i.Cvss2Components.I).jsonSchemaName, availabilityImpact: this.getComponent(i.Cvss2Components.A).jsonSchemaName, exploitability: this.getComponent(i.Cvss2Components.E).jsonSchemaName, remediationLevel: this.getComponent(i.Cvss2Components.RL).jsonSchemaName, reportConfidence: this.getComponent(i.Cvss2Components.RC).jsonSchemaName, collateralDamagePotential: this.getComponent(i.Cvss2Components.CDP).jsonSchemaName, targetDistribution: this.getComponent(i.Cvss2Components.TD).jsonSchemaName, confidentialityRequirement: this.getComponent(i.Cvss2Components.CR).jsonSchemaName, integrityRequirement: this.getComponent(i.Cvss2Components.IR).jsonSchemaName, availabilityRequirement: this.getComponent(i.Cvss2Components.AR).jsonSchemaName };
          }
        }
        t2.Cvss2 = s;
      }, 479: (e2, t2, o) => {
        var a;
        Object.defineProperty(t2, "__esModule", { value: true }), t2.Cvss2Components = void 0;
        const i = o(154);
        class s {
        }
        t2.Cvss2Components = s, a = s, s.BASE_CATEGORY = { name: "base", description: "Represents the intrinsic and fundamental characteristics of a vulnerability that are constant over time and user environments." }, s.AV_VALUES = { ND: { shortName: "ND", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value to the metric will result in no score being calculated." }, L: { shortName: "L", value: 0.395, name: "Local", jsonSchemaName: "LOCAL", description: "A vulnerability exploitable with only local access requires the attacker to have either physical access to the vulnerable system or a local (shell) account. Examples of locally exploitable vulnerabilities are peripheral attacks such as Firewire/USB DMA attacks, and local privilege escalations (e.g., sudo)." }, A: { shortName: "A", value: 0.646, name: "Adjacent Network", abbreviatedName: "Adj. Network", jsonSchemaName: "ADJACENT_NETWORK", description: "A vulnerability exploitable with adjacent network access requires the attacker to have access to either the broadcast or collision domain of the vulnerable software.  Examples of local networks include local IP subnet, Bluetooth, IEEE 802.11, and local Ethernet segment." }, N: { shortName: "N", value: 1, name: "Network", jsonSchemaName: "NETWORK", description: 'A vulnerability exploitable with network access means the vulnerable software is bound to the network stack and the attacker does not require local network access or local access. Such a vulnerability is often termed "remotely exploitable". An example of a network attack is an RPC buffer overflow.' } }, s.AV = { name: "Access Vector", shortName: "AV", subCategory: "Exploitability Metrics", description: "This metric reflects how the vulnerability is exploited. The more remote an attacker can be to attack a host, the greater the vulnerability score.", values: [a.AV_VALUES.ND, a.AV_VALUES.L, a.AV_VALUES.A, a.AV_VALUES.N] }, s.AC_VALUES = { ND: { shortName: "ND", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value to the metric will result in no score being calculated." }, H: { shortName: "H", value: 0.35, name: "High", jsonSchemaName: "HIGH", description: "Specialized access conditions exist. For example, an attacker can only exploit the vulnerability under very specialized conditions." }, M: { shortName: "M", value: 0.61, name: "Medium", jsonSchemaName: "MEDIUM", description: "The access conditions are somewhat specialized. For example, the attacker can only exploit the vulnerability under certain conditions." }, L: { shortName: "L", value: 0.71, name: "Low", jsonSchemaName: "LOW", description: "Specialized access conditions or extenuating circumstances do not exist. For example, an attacker can exploit the vulnerability under most conditions." } }, s.AC = { name: "Access Complexity", shortName: "AC", subCategory: "Exploitability Metrics", description: 'This metric measures the complexity of the attack required to exploit the vulnerability once an attacker has gained access to the target system. For example, consider a buffer overflow in an Internet service: If the vulnerability is exploitable only once a user has been authenticated by the service, the vulnerability is only "Medium" complexity. If, however, the vulnerability can be exploited anonymously, it is "Low" complexity.', values: [a.AC_VALUES.ND, a.AC_VALUES.H, a.AC_VALUES.M, a.AC_VALUES.L] }, s.Au_VALUES = { ND: { shortName: "ND", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value to the metric will result in no score being calculated." }, M: { shortName: "M", value: 0.45, name: "Multiple", jsonSchemaName: "MULTIPLE", description: "Exploiting the vulnerability requires that the attacker authenticate two or more times, even if the same credentials are used each time. An example is an attacker authenticating to an operating system in addition to providing credentials to access an application hosted on that system." }, S: { shortName: "S", value: 0.56, name: "Single", jsonSchemaName: "SINGLE", description: "The vulnerability requires an attacker to be logged into the system (such as at a command line or via a desktop session or web interface)." }, N: { shortName: "N", value: 0.704, name: "None", jsonSchemaName: "NONE", description: "Authentication is not required to exploit the vulnerability." } }, s.Au = { name: "Authentication", shortName: "Au", subCategory: "Exploitability Metrics", description: 'This metric measures the number of times an attacker must authenticate to a target in order to exploit a vulnerability. "Multiple" means that the attacker must authenticate two or more times, "Single" means that the attacker must authenticate once, and "None" means that the attacker need not authenticate at all to exploit the vulnerability.', values: [a.Au_VALUES.ND, a.Au_VALUES.M, a.Au_VALUES.S, a.Au_VALUES.N] }, s.C_VALUES = { ND: { shortName: "ND", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value to the metric will result in no score being calculated." }, N: { shortName: "N", value: 0, name: "None", jsonSchemaName: "NONE", description: "There is no impact to the confidentiality of the system." }, P: { shortName: "P", value: 0.275, name: "Partial", jsonSchemaName: "PARTIAL", description: "There is considerable informational disclosure. Access to some system files is possible, but the attacker does not have control over what is obtained, or the scope of the loss is constrained. An example is a vulnerability that divulges only certain tables in a database." }, C: { shortName: "C", value: 0.66, name: "Complete", jsonSchemaName: "COMPLETE", description: "There is total information disclosure, resulting in all system files being revealed. The attacker is able to read all of the system's data (memory, files, etc.)" } }, s.C = { name: "Confidentiality Impact", shortName: "C", subCategory: "Impact Metrics", description: "This metric measures the impact to the confidentiality of the information resources managed by a software component due to a successfully exploited vulnerability. Confidentiality refers to limiting information access and disclosure to only authorized users, as well as preventing access by, or disclosure to, unauthorized ones.", values: [a.C_VALUES.ND, a.C_VALUES.N, a.C_VALUES.P, a.C_VALUES.C] }, s.I_VALUES = { ND: { shortName: "ND", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value to the metric will result in no score being calculated." }, N: { shortName: "N", value: 0, name: "None", jsonSchemaName: "NONE", description: "There is no impact to the integrity of the system." }, P: { shortName: "P", value: 0.275, name: "Partial", jsonSchemaName: "PARTIAL", description: "Modification of some system files or information is possible, but the attacker does not have control over what can be modified, or the scope of what the attacker can affect is limited. For example, system or application files may be overwritten or modified, but either the attacker has no control over which files are affected or the attacker can modify files within only a limited context or scope." }, C: { shortName: "C", value: 0.66, name: "Complete", jsonSchemaName: "COMPLETE", description: "There is a total compromise of system integrity. There is a complete loss of system protection, resulting in the entire system being compromised. The attacker is able to modify any files on the target system." } }, s.I = { name: "Integrity Impact", shortName: "I", subCategory: "Impact Metrics", description: "This metric measures the impact to integrity of a successfully exploited vulnerability. Integrity refers to the trustworthiness and guaranteed veracity of information.", values: [a.I_VALUES.ND, a.I_VALUES.N, a.I_VALUES.P, a.I_VALUES.C] }, s.A_VALUES = { ND: { shortName: "ND", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value to the metric will result in no score being calculated." }, N: { shortName: "N", value: 0, name: "None", jsonSchemaName: "NONE", description: "There is no impact to availability within the impacted component." }, P: { shortName: "P", value: 0.275, name: "Partial", jsonSchemaName: "PARTIAL", description: "There is reduced performance or interruptions in resource availability. An example is a network-based flood attack that permits a limited number of successful connections to an Internet service." }, C: { shortName: "C", value: 0.66, name: "Complete", jsonSchemaName: "COMPLETE", description: "There is a total shutdown of the affected resource. The attacker can render the resource completely unavailable." } }, s.A = { name: "Availability Impact", shortName: "A", subCategory: "Impact Metrics", description: "This metric measures the impact to the availability of the impacted component resulting from a successfully exploited vulnerability. While the Confidentiality and Integrity impact metrics apply to the loss of confidentiality or integrity of data (e.g., information, files) used by the impacted component, this metric refers to the loss of availability of the impacted component itself, such as a networked service (e.g., web, database, email). Since availability refers to the accessibility of information resources, attacks that consume network bandwidth, processor cycles, or disk space all impact the availability of an impacted component. This metric considers only the availability of the impacted component itself.", values: [a.A_VALUES.ND, a.A_VALUES.N, a.A_VALUES.P, a.A_VALUES.C] }, s.BASE_CATEGORY_VALUES = [a.AV, a.AC, a.Au, a.C, a.I, a.A], s.TEMPORAL_CATEGORY = { name: "temporal", description: "The threat posed by a vulnerability may change over time. Three such factors that CVSS captures are: confirmation of the technical details of a vulnerability, the remediation status of the vulnerability, and the availability of exploit code or techniques. Since temporal metrics are optional they each include a metric value that has no effect on the score." }, s.E_VALUES = { ND: { shortName: "ND", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value to the metric will not influence the score. It is a signal to the equation to skip this metric." }, U: { shortName: "U", value: 0.85, name: "Unproven", jsonSchemaName: "UNPROVEN", description: "No exploit code is available, or an exploit is entirely theoretical." }, POC: { shortName: "POC", value: 0.9, name: "Proof-of-concept", abbreviatedName: "Proof-of-conc.", jsonSchemaName: "PROOF_OF_CONCEPT", description: "Proof-of-concept exploit code or an attack demonstration that is not practical for most systems is available. The code or technique is not functional in all situations and may require substantial modification by a skilled attacker." }, F: { shortName: "F", value: 0.95, name: "Functional", jsonSchemaName: "FUNCTIONAL", description: "Functional exploit code is available. The code works in most situations where the vulnerability exists." }, H: { shortName: "H", value: 1, name: "High", jsonSchemaName: "HIGH", description: "Either the vulnerability is exploitable by functional mobile autonomous code, or no exploit is required (manual trigger) and details are widely available. The code works in every situation, or is actively being delivered via a mobile autonomous agent (such as a worm or virus)." } }, s.E = { name: "Exploitability", shortName: "E", description: 'This metric measures the current state of exploit techniques or code availability. "Unproven that exploit exists" is the lowest impact and "Proof-of-concept code" is the highest impact.', values: [a.E_VALUES.ND, a.E_VALUES.U, a.E_VALUES.POC, a.E_VALUES.F, a.E_VALUES.H] }, s.RL_VALUES = { ND: { shortName: "ND", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value to the metric will not influence the score. It is a signal to the equation to skip this metric." }, OF: { shortName: "OF", value: 0.87, name: "Official Fix", abbreviatedName: "Off. Fix", jsonSchemaName: "OFFICIAL_FIX", description: "A complete vendor solution is available. Either the vendor has issued an official patch, or an upgrade is available." }, TF: { shortName: "TF", value: 0.9, name: "Temporary Fix", abbreviatedName: "Temp. Fix", jsonSchemaName: "TEMPORARY_FIX", description: "There is an official but temporary fix available. This includes instances where the vendor issues a temporary hotfix, tool, or workaround." }, W: { shortName: "W", value: 0.95, name: "Workaround", jsonSchemaName: "WORKAROUND", description: "There is an unofficial, non-vendor solution available. In some cases, users of the affected technology will create a patch of their own or provide steps to work around or otherwise mitigate the vulnerability." }, U: { shortName: "U", value: 1, name: "Unavailable", jsonSchemaName: "UNAVAILABLE", description: "There is either no solution available or it is impossible to apply." } }, s.RL = { name: "Remediation Level", shortName: "RL", description: 'This metric measures the remediation level of a vulnerability. "Official fix" is the lowest impact and "Unavailable" is the highest impact.', values: [a.RL_VALUES.ND, a.RL_VALUES.OF, a.RL_VALUES.TF, a.RL_VALUES.W, a.RL_VALUES.U] }, s.RC_VALUES = { ND: { shortName: "ND", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value to the metric will not influence the score. It is a signal to the equation to skip this metric." }, UC: { shortName: "UC", value: 0.9, name: "Unconfirmed", jsonSchemaName: "UNCONFIRMED", description: "There is little confidence in the existence of this vulnerability. The report is unconfirmed, or the source is not known." }, UR: { shortName: "UR", value: 0.95, name: "Uncorroborated", jsonSchemaName: "UNCORROBORATED", description: "There is reasonable confidence in the existence of this vulnerability, but the technical details are not known publicly. The report is unconfirmed." }, C: { shortName: "C", value: 1, name: "Confirmed", jsonSchemaName: "CONFIRMED", description: "The existence of this vulnerability is confirmed, but the details are not known publicly. An exploit has been observed, or proof-of-concept exploit code is available. The bugtraq ID or CVE ID has been made public." } }, s.RC = { name: "Report Confidence", shortName: "RC", description: 'This metric measures the degree of confidence in the existence of the vulnerability and the credibility of the known technical details. "Unconfirmed" is the lowest confidence and "Confirmed" is the highest.', values: [a.RC_VALUES.ND, a.RC_VALUES.UC, a.RC_VALUES.UR, a.RC_VALUES.C] }, s.TEMPORAL_CATEGORY_VALUES = [a.E, a.RL, a.RC], s.ENVIRONMENTAL_CATEGORY = { name: "environmental", description: "Different environments can have an immense bearing on the risk that a vulnerability poses to an organization and its stakeholders. The CVSS environmental metric group captures the characteristics of a vulnerability that are associated with a user's IT environment. Since environmental metrics are optional they each include a metric value that has no effect on the score." }, s.CDP_VALUES = { ND: { shortName: "ND", value: 0, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value to the metric will not influence the score. It is a signal to the equation to skip this metric." }, N: { shortName: "N", value: 0, name: "None", jsonSchemaName: "NONE", description: "There is no potential for loss of life, physical assets, productivity or revenue." }, L: { shortName: "L", value: 0.1, name: "Low", jsonSchemaName: "LOW", description: "A successful exploit of this vulnerability may result in slight physical or property damage. Or, there may be a slight loss of revenue or productivity to the organization." }, LM: { shortName: "LM", value: 0.3, name: "Low-Medium", abbreviatedName: "Low-Med.", jsonSchemaName: "LOW_MEDIUM", description: "A successful exploit of this vulnerability may result in moderate physical or property damage. Or, there may be a moderate loss of revenue or productivity to the organization." }, MH: { shortName: "MH", value: 0.4, name: "Medium-High", abbreviatedName: "Med.-High", jsonSchemaName: "MEDIUM_HIGH", description: "A successful exploit of this vulnerability may result in significant physical or property damage or loss. Or, there may be a significant loss of revenue or productivity." }, H: { shortName: "H", value: 0.5, name: "High", jsonSchemaName: "HIGH", description: "A successful exploit of this vulnerability may result in catastrophic physical or property damage and loss. Or, there may be a catastrophic loss of revenue or productivity." } }, s.CDP = { name: "Collateral Damage Potential", shortName: "CDP", subCategory: "General Modifiers", description: 'This metric measures the potential for loss of life or physical assets resulting from a vulnerability. "None" is the lowest impact and "High" is the highest impact.', values: [a.CDP_VALUES.ND, a.CDP_VALUES.N, a.CDP_VALUES.L, a.CDP_VALUES.LM, a.CDP_VALUES.MH, a.CDP_VALUES.H] }, s.TD_VALUES = { ND: { shortName: "ND", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value to the metric will not influence the score. It is a signal to the equation to skip this metric." }, N: { shortName: "N", value: 0, name: "None", jsonSchemaName: "NONE", description: "There is no (0%) target distribution." }, L: { shortName: "L", value: 0.25, name: "Low", jsonSchemaName: "LOW", description: "There is a small (< 25%) target distribution." }, M: { shortName: "M", value: 0.75, name: "Medium", jsonSchemaName: "MEDIUM", description: "There is a medium (26-75%) target distribution." }, H: { shortName: "H", value: 1, name: "High", description: "There is a high (> 75%) target distribution." } }, s.TD = { name: "Target Distribution", shortName: "TD", subCategory: "General Modifiers", description: 'This metric measures the proportion of vulnerable systems that could be affected by an attack. It is meant to represent the proportion of vulnerable systems that an attacker can expect to target. "None" is the lowest impact and "High" is the highest impact.', values: [a.TD_VALUES.ND, a.TD_VALUES.N, a.TD_VALUES.L, a.TD_VALUES.M, a.TD_VALUES.H] }, s.CR_VALUES = { ND: { shortName: "ND", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value to the metric will not influence the score. It is a signal to the equation to skip this metric." }, L: { shortName: "L", value: 0.5, name: "Low", jsonSchemaName: "LOW", description: "Loss of confidentiality is likely to have only a limited adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, M: { shortName: "M", value: 1, name: "Medium", jsonSchemaName: "MEDIUM", description: "Loss of confidentiality is likely to have a serious adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, H: { shortName: "H", value: 1.51, name: "High", jsonSchemaName: "HIGH", description: "Loss of confidentiality is likely to have a catastrophic adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." } }, s.CR = { name: "Confidentiality Requirement", shortName: "CR", subCategory: "Modified Requirement (Impact Subscore) Modifiers", description: 'This metric measures the need for confidentiality of the vulnerable component to the user. For example, an attacker that exploits a vulnerability that exists on a network boundary and requires no privileges has a low need for the confidentiality of the vulnerable component. Conversely, an attacker that exploits a vulnerability that exists on the same system as the vulnerable component and requires Privileged access to the system in order to exploit it has a high need for confidentiality. "Not Defined" is the lowest impact and "High" is the highest impact.', values: [a.CR_VALUES.ND, a.CR_VALUES.L, a.CR_VALUES.M, a.CR_VALUES.H] }, s.IR_VALUES = { ND: { shortName: "ND", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value to the metric will not influence the score. It is a signal to the equation to skip this metric." }, L: { shortName: "L", value: 0.5, name: "Low", jsonSchemaName: "LOW", description: "Loss of integrity is likely to have only a limited adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, M: { shortName: "M", value: 1, name: "Medium", jsonSchemaName: "MEDIUM", description: "Loss of integrity is likely to have a serious adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, H: { shortName: "H", value: 1.51, name: "High", jsonSchemaName: "HIGH", description: "Loss of integrity is likely to have a catastrophic adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." } }, s.IR = { name: "Integrity Requirement", shortName: "IR", subCategory: "Modified Requirement (Impact Subscore) Modifiers", description: 'This metric measures the need for integrity of the vulnerable component to a user. For example, an attacker that exploits a vulnerability that exists on a network boundary and requires no privileges has a low need for the integrity of the vulnerable component. Conversely, an attacker that exploits a vulnerability that exists on the same system as the vulnerable component and requires Privileged access to the system in order to exploit it has a high need for integrity. "Not Defined" is the lowest impact and "High" is the highest impact.', values: [a.IR_VALUES.ND, a.IR_VALUES.L, a.IR_VALUES.M, a.IR_VALUES.H] }, s.AR_VALUES = { ND: { shortName: "ND", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value to the metric will not influence the score. It is a signal to the equation to skip this metric." }, L: { shortName: "L", value: 0.5, name: "Low", jsonSchemaName: "LOW", description: "Loss of availability is likely to have only a limited adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, M: { shortName: "M", value: 1, name: "Medium", jsonSchemaName: "MEDIUM", description: "Loss of availability is likely to have a serious adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, H: { shortName: "H", value: 1.51, name: "High", jsonSchemaName: "HIGH", description: "Loss of availability is likely to have a catastrophic adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." } }, s.AR = { name: "Availability Requirement", shortName: "AR", subCategory: "Modified Requirement (Impact Subscore) Modifiers", description: 'This metric measures the need for availability of the vulnerable component to a user. For example, an attacker that exploits a vulnerability that exists on a network boundary and requires no privileges has a low need for the availability of the vulnerable component. Conversely, an attacker that exploits a vulnerability that exists on the same system as the vulnerable component and requires Privileged access to the system in order to exploit it has a high need for availability. "Not Defined" is the lowest impact and "High" is the highest impact.', values: [a.AR_VALUES.ND, a.AR_VALUES.L, a.AR_VALUES.M, a.AR_VALUES.H] }, s.ENVIRONMENTAL_CATEGORY_VALUES = [a.CDP, a.TD, a.CR, a.IR, a.AR], s.REGISTERED_COMPONENTS = /* @__PURE__ */ new Map(), a.REGISTERED_COMPONENTS.set(a.BASE_CATEGORY, a.BASE_CATEGORY_VALUES), a.REGISTERED_COMPONENTS.set(a.TEMPORAL_CATEGORY, a.TEMPORAL_CATEGORY_VALUES), a.REGISTERED_COMPONENTS.set(a.ENVIRONMENTAL_CATEGORY, a.ENVIRONMENTAL_CATEGORY_VALUES), s.ATTRIBUTE_SEVERITY_ORDER = i.CvssVector._reorderAttributeSeverityOrder([a.AC_VALUES.ND, a.AV_VALUES.ND, a.Au_VALUES.ND, a.C_VALUES.ND, a.I_VALUES.ND, a.A_VALUES.ND, a.C_VALUES.N, a.I_VALUES.N, a.A_VALUES.N, a.CDP_VALUES.N, a.CDP_VALUES.ND, a.TD_VALUES.N, a.CDP_VALUES.L, a.TD_VALUES.L, a.C_VALUES.P, a.I_VALUES.P, a.A_VALUES.P, a.CDP_VALUES.LM, a.AC_VALUES.H, a.AV_VALUES.L, a.CDP_VALUES.MH, a.Au_VALUES.M, a.CDP_VALUES.H, a.Au_VALUES.S, a.AC_VALUES.M, a.AV_VALUES.A, a.C_VALUES.C, a.I_VALUES.C, a.A_VALUES.C, a.Au_VALUES.N, a.AC_VALUES.L, a.TD_VALUES.M, a.E_VALUES.U, a.RL_VALUES.OF, a.E_VALUES.POC, a.RL_VALUES.TF, a.RL_VALUES.W, a.RC_VALUES.UC, a.AV_VALUES.N, a.E_VALUES.F, a.E_VALUES.H, a.E_VALUES.ND, a.RL_VALUES.U, a.RL_VALUES.ND, a.RC_VALUES.UR, a.RC_VALUES.C, a.RC_VALUES.ND, a.TD_VALUES.H, a.TD_VALUES.ND, a.CR_VALUES.L, a.CR_VALUES.M, a.IR_VALUES.L, a.IR_VALUES.M, a.AR_VALUES.L, a.AR_VALUES.M, a.CR_VALUES.ND, a.IR_VALUES.ND, a.AR_VALUES.ND, a.CR_VALUES.H, a.IR_VALUES.H, a.AR_VALUES.H]);
      }, 564: (e2, t2, o) => {
        Object.defineProperty(t2, "__esModule", { value: true }), t2.applyVectorPartsIfMetricsHigher = t2.applyVectorPartsIfMetricsLower = t2.fromVector = void 0;
        const a = o(475), i = o(623), s = o(371), n = o(987), r = o(479), c = o(331), l = o(951), m = o(759), h = { "CVSS:2.0": a.Cvss2, "2.0": a.Cvss2, "CVSS:3.0": i.Cvss3P0, "3.0": i.Cvss3P0, "CVSS:3.1": s.Cvss3P1, 3.1: s.Cvss3P1, "CVSS:4.0": n.Cvss4P0, "4.0": n.Cvss4P0 };
        function E(e3, t3, o2) {
          if (!t3) return 0;
          const a2 = e3.normalizeVector(t3);
          if (0 === a2.length) return 0;
          const i2 = a2.split("/");
          let s2 = 0;
          for (const t4 of i2) {
            if (!t4) continue;
            const a3 = t4.split(":", 2);
            if (2 === a3.length) {
              const t5 = a3[0], i3 = a3[1], n2 = e3.getComponentByStringOpt(t5), r2 = t5.startsWith("M"), c2 = r2 ? t5.replace("M", "") : t5, l2 = e3.getComponentByStringOpt(c2), m2 = r2 ? t5 : `M${t5}`, h2 = e3.getComponentByStringOpt(m2), E2 = (null == n2 ? void 0 : n2.shortName) || "X", u2 = e3.applyComponentStringSilent(t5, i3), d2 = e3.getComponentByStringOpt(t5);
              u2 && o2(n2, l2, h2, d2, r2) ? s2++ : e3.applyComponentStringSilent(t5, E2);
            } else console.warn("Unknown vector argument:", t4);
          }
          return s2;
        }
        function u(e3, t3, o2, a2, i2) {
          const s2 = null != o2 && "NOT_DEFINED" !== o2.name && "NULL" !== o2.name && "X" !== o2.shortName;
          return { oldSeverity: d(e3, i2 && s2 ? o2 : t3), newSeverity: d(e3, a2) };
        }
        function d(e3, t3) {
          if (!t3) return -1;
          let o2 = [];
          if (e3 instanceof a.Cvss2 ? o2 = r.Cvss2Components.ATTRIBUTE_SEVERITY_ORDER : e3 instanceof i.Cvss3P0 ? o2 = c.Cvss3P0Components.ATTRIBUTE_SEVERITY_ORDER : e3 instanceof s.Cvss3P1 ? o2 = l.Cvss3P1Components.ATTRIBUTE_SEVERITY_ORDER : e3 instanceof n.Cvss4P0 && (o2 = m.Cvss4P0Components.ATTRIBUTE_SEVERITY_ORDER), 0 === o2.length) return console.warn("Unknown", e3.getVectorName(), "severity order list for attribute type:", t3), -1;
          for (let e4 = 0; e4 < o2.length; e4++) if (o2[e4].includes(t3)) return e4;
          return console.warn("Unknown", e3.getVectorName(), "attribute type:", t3), -1;
        }
        t2.fromVector = function(e3, t3 = void 0) {
          if (t3) {
            const o3 = h[t3];
            if (o3) return new o3(e3);
          }
          const o2 = h[e3];
          if (o2) return new o2();
          for (let t4 in h) {
            const o3 = h[t4];
            if (e3.startsWith(t4)) try {
              return new o3(e3);
            } catch (e4) {
            }
          }
          for (let t4 in h) {
            const o3 = h[t4];
            try {
              return new o3(e3);
            } catch (e4) {
            }
          }
          return null;
        }, t2.applyVectorPartsIfMetricsLower = function(e3, t3) {
          return t3 ? E(e3, t3, ((t4, o2, a2, i2, s2) => {
            const n2 = u(e3, o2, a2, i2, s2);
            return n2.newSeverity <= n2.oldSeverity;
          })) : 0;
        }, t2.applyVectorPartsIfMetricsHigher = function(e3, t3) {
          return t3 ? E(e3, t3, ((t4, o2, a2, i2, s2) => {
            const n2 = u(e3, o2, a2, i2, s2);
            return n2.newSeverity >= n2.oldSeverity;
          })) : 0;
        };
      }, 623: (e2, t2, o) => {
        Object.defineProperty(t2, "__esModule", { value: true }), t2.Cvss3P0 = void 0;
        const a = o(154), i = o(331);
        class s extends a.CvssVector {
          constructor(e3) {
            super(e3);
          }
          getRegisteredComponents() {
            return i.Cvss3P0Components.REGISTERED_COMPONENTS;
          }
          getVectorPrefix() {
            return "CVSS:3.0/";
          }
          getVectorName() {
            return "CVSS:3.0";
          }
          fillAverageVector() {
            this.applyVector("AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L");
          }
          fillRandomBaseVector() {
            this.fillRandomComponentsForCategory(i.Cvss3P0Components.BASE_CATEGORY);
          }
          fillRandomTemporalVector() {
            this.fillRandomComponentsForCategory(i.Cvss3P0Components.TEMPORAL_CATEGORY);
          }
          fillRandomEnvironmentalVector() {
            this.fillRandomComponentsForCategory(i.Cvss3P0Components.ENVIRONMENTAL_CATEGORY);
          }
          fillRandomComponentsForCategory(e3) {
            const t3 = i.Cvss3P0Components.REGISTERED_COMPONENTS.get(e3);
            if (t3) for (let e4 = 0; e4 < t3.length; e4++) {
              const o2 = t3[e4], a2 = super.pickRandomDefinedComponentValue(o2);
              if (!a2) return console.warn("Failed to pick random vector component for", o2), void this.fillAverageVector();
              this.applyComponent(o2, a2);
            }
            else console.warn("Failed to pick random vector components for", e3);
          }
          calculateScoresInternal(e3 = false) {
            const t3 = this.isBaseFullyDefined(), o2 = this.isAnyTemporalDefined(), a2 = this.isAnyEnvironmentalDefined();
            return { normalized: e3, base: t3 ? super.round(this.calculateExactBaseScore(), 1) : void 0, impact: t3 ? super.normalizeScore(super.round(this.calculateImpactScore(), 1), e3 ? 6 : 10) : void 0, exploitability: t3 ? super.normalizeScore(super.round(this.calculateExactExploitabilityScore(), 1), e3 ? 3.9 : 10) : void 0, temporal: t3 && o2 ? super.round(this.calculateExactTemporalScore(), 1) : void 0, environmental: t3 && a2 ? super.round(this.calculateExactEnvironmentalScore(), 1) : void 0, modifiedImpact: t3 && a2 ? super.normalizeScore(super.round(Math.max(0, this.calculateExactAdjustedImpactScore()), 1), e3 ? 6.1 : 10) : void 0, overall: super.round(this.calculateExactOverallScore(), 1), vector: this.toString() };
          }
          calculateExactBaseScore() {
            if (!this.isBaseFullyDefined()) return 0;
            let e3 = this.calculateExactImpactScore();
            if (e3 <= 0) return 0;
            let t3 = this.calculateExactExploitabilityScore();
            return this.getComponent(i.Cvss3P0Components.S).value ? this.roundUp1(Math.min(s.SCOPE_COEFFICIENT * (e3 + t3), 10)) : this.roundUp1(Math.min(e3 + t3, 10));
          }
          calculateImpactScore() {
            const e3 = this.calculateExactImpactScore();
            return e3 <= 0 ? 0 : e3;
          }
          calculateExactImpactScore() {
            let e3 = this.calculateExactISSScore();
            return this.getComponent(i.Cvss3P0Components.S).value ? s.SCOPE_CHANGED_FACTOR * (e3 - 0.029) - 3.25 * Math.pow(e3 - 0.02, 15) : s.SCOPE_UNCHANGED_FACTOR * e3;
          }
          calculateExactISSScore() {
            return 1 - (1 - this.getComponent(i.Cvss3P0Components.C).value) * (1 - this.getComponent(i.Cvss3P0Components.I).value) * (1 - this.getComponent(i.Cvss3P0Components.A).value);
          }
          calculateExactMISSScore() {
            let e3, t3, o2, a2, s2, n, r = this.getComponent(i.Cvss3P0Components.MC), c = this.getComponent(i.Cvss3P0Components.MI), l = this.getComponent(i.Cvss3P0Components.MA), m = this.getComponent(i.Cvss3P0Components.C), h = this.getComponent(i.Cvss3P0Components.I), E = this.getComponent(i.Cvss3P0Components.A), u = this.getComponent(i.Cvss3P0Components.CR), d = this.getComponent(i.Cvss3P0Components.IR), p = this.getComponent(i.Cvss3P0Components.AR);
            return e3 = r === i.Cvss3P0Components.MC.values[0] ? m.value : r.value, t3 = c === i.Cvss3P0Components.MI.values[0] ? h.value : c.value, o2 = l === i.Cvss3P0Components.MA.values[0] ? E.value : l.value, i.Cvss3P0Components.CR.values[0], a2 = u.value, i.Cvss3P0Components.IR.values[0], s2 = d.value, i.Cvss3P0Components.AR.values[0], n = p.value, Math.min(1 - (1 - a2 * e3) * (1 - s2 * t3) * (1 - n * o2), 0.915);
          }
          calculateExactExploitabilityScore() {
            const e3 = this.getComponent(i.Cvss3P0Components.AV).value, t3 = this.getComponent(i.Cvss3P0Components.AC).value, o2 = this.getComponent(i.Cvss3P0Components.UI).value;
            let a2;
            return a2 = this.getComponent(i.Cvss3P0Components.S).value ? this.getComponent(i.Cvss3P0Components.PR).changedValue : this.getComponent(i.Cvss3P0Components.PR).value, s.EXPLOITABILITY_COEFFICIENT * e3 * t3 * a2 * o2;
          }
          calculateExactTemporalScore() {
            if (!this.isBaseFullyDefined()) return 0;
            if (!this.isAnyTemporalDefined()) return 0;
            let e3 = this.getComponent(i.Cvss3P0Components.E).value, t3 = this.getComponent(i.Cvss3P0Components.RL).value, o2 = this.getComponent(i.Cvss3P0Components.RC).value, a2 = this.calculateExactBaseScore();
            return this.roundUp1(a2 * e3 * t3 * o2);
          }
          calculateExactEnvironmentalScore() {
            if (!this.isBaseFullyDefined()) return 0;
            if (!this.isAnyEnvironmentalDefined()) return 0;
            let e3 = this.calculateExactAdjustedImpactScore();
            if (e3 <= 0) return 0;
            let t3 = this.calculateAdjustedExploitability(), o2 = this.getComponent(i.Cvss3P0Components.E).value, a2 = this.getComponent(i.Cvss3P0Components.RL).value, n = this.getComponent(i.Cvss3P0Components.RC).value;
            if (this.isModifiedScope()) {
              let i2 = this.roundUp1(Math.min(e3 + t3, 10));
              return this.roundUp1(i2 * o2 * a2 * n);
            }
            {
              let i2 = this.roundUp1(Math.min(s.SCOPE_COEFFICIENT * (e3 + t3), 10));
              return this.roundUp1(i2 * o2 * a2 * n);
            }
          }
          calculateExactAdjustedImpactScore() {
            if (!this.isBaseFullyDefined()) return 0;
            if (!this.isAnyEnvironmentalDefined()) return 0;
            let e3 = this.calculateExactMISSScore();
            return this.isModifiedScope() ? s.SCOPE_UNCHANGED_FACTOR * e3 : s.SCOPE_CHANGED_FACTOR * (e3 - 0.029) - 3.25 * Math.pow(e3 - 0.02, 15);
          }
          calculateAdjustedExploitability() {
            let e3, t3 = this.getFirstDefinedComponent([i.Cvss3P0Components.MAV, i.Cvss3P0Components.AV]).value, o2 = this.getFirstDefinedComponent([i.Cvss3P0Components.MAC, i.Cvss3P0Components.AC]).value, a2 = this.getFirstDefinedComponent([i.Cvss3P0Components.MUI, i.Cvss3P0Components.UI]).value, n = this.getFirstDefinedComponent([i.Cvss3P0Components.MPR, i.Cvss3P0Components.PR]);
            return e3 = this.isModifiedScope() ? n.value : n.changedValue, s.EXPLOITABILITY_COEFFICIENT * t3 * o2 * e3 * a2;
          }
          isModifiedScope() {
            let e3 = this.getComponent(i.Cvss3P0Components.S), t3 = this.getComponent(i.Cvss3P0Components.MS);
            return t3 === i.Cvss3P0Components.MS.values[0] ? !e3.value : !t3.value;
          }
          calculateExactOverallScore() {
            return this.isAnyEnvironmentalDefined() ? this.calculateExactEnvironmentalScore() : this.isAnyTemporalDefined() ? this.calculateExactTemporalScore() : this.calculateExactBaseScore();
          }
          isBaseFullyDefined() {
            return super.isCategoryFullyDefined(i.Cvss3P0Components.BASE_CATEGORY);
          }
          isTemporalFullyDefined() {
            return super.isCategoryFullyDefined(i.Cvss3P0Components.TEMPORAL_CATEGORY);
          }
          isEnvironmentalFullyDefined() {
            return super.isCategoryFullyDefined(i.Cvss3P0Components.ENVIRONMENTAL_CATEGORY);
          }
          isAnyBaseDefined() {
            return super.isCategoryPartiallyDefined(i.Cvss3P0Components.BASE_CATEGORY);
          }
          isAnyTemporalDefined() {
            return super.isCategoryPartiallyDefined(i.Cvss3P0Components.TEMPORAL_CATEGORY);
          }
          isAnyEnvironmentalDefined() {
            return super.isCategoryPartiallyDefined(i.Cvss3P0Components.ENVIRONMENTAL_CATEGORY);
          }
          roundUp1(e3) {
            return Math.ceil(10 * e3) / 10;
          }
          getJsonSchemaSeverity(e3) {
            return 0 === e3 || isNaN(e3) ? "NONE" : e3 <= 3.9 ? "LOW" : e3 <= 6.9 ? "MEDIUM" : e3 <= 8.9 ? "HIGH" : "CRITICAL";
          }
          createJsonSchema() {
            const e3 = this.calculateScores();
            return { version: "3.0", vectorString: this.toString(), baseScore: e3.base, temporalScore: e3.temporal, environmentalScore: e3.environmental, baseSeverity: this.getJsonSchemaSeverity(e3.base), temporalSeverity: e3.temporal ? this.getJsonSchemaSeverity(e3.temporal) : void 0, environmentalSeverity: e3.environmental ? this.getJsonSchemaSeverity(e3.environmental) : void 0, attackVector: this.getComponent(i.Cvss3P0Components.AV).jsonSchemaName, attackComplexity: this.getComponent(i.Cvss3P0Components.AC).jsonSchemaName, privilegesRequired: this.getComponent(i.Cvss3P0Components.PR).jsonSchemaName, userInteraction: this.getComponent(i.Cvss3P0Components.UI).jsonSchemaName, scope: this.getComponent(i.Cvss3P0Components.S).jsonSchemaName, confidentialityImpact: this.getComponent(i.Cvss3P0Components.C).jsonSchemaName, integrityImpact: this.getComponent(i.Cvss3P0Components.I).jsonSchemaName, availabilityImpact: this.getComponent(i.Cvss3P0Components.A).jsonSchemaName, exploitCodeMaturity: this.getComponent(i.Cvss3P0Components.E).jsonSchemaName, remediationLevel: this.getComponent(i.Cvss3P0Components.RL).jsonSchemaName, reportConfidence: this.getComponent(i.Cvss3P0Components.RC).jsonSchemaName, confidentialityRequirement: this.getComponent(i.Cvss3P0Components.CR).jsonSchemaName, integrityRequirement: this.getComponent(i.Cvss3P0Components.IR).jsonSchemaName, availabilityRequirement: this.getComponent(i.Cvss3P0Components.AR).jsonSchemaName, modifiedAttackVector: this.getComponent(i.Cvss3P0Components.MAV).jsonSchemaName, modifiedAttackComplexity: this.getComponent(i.Cvss3P0Components.MAC).jsonSchemaName, modifiedPrivilegesRequired: this.getComponent(i.Cvss3P0Components.MPR).jsonSchemaName, modifiedUserInteraction: this.getComponent(i.Cvss3P0Components.MUI).jsonSchemaName, modifiedScope: this.getComponent(i.Cvss3P0Components.MS).jsonSchemaName, modifiedConfidentialityImpact: this.getComponent(i.Cvss3P0Components.MC).jsonSchemaName, modifiedIntegrityImpact: this.getComponent(i.Cvss3P0Components.MI).jsonSchemaName, modifiedAvailabilityImpact: this.getComponent(i.Cvss3P0Components.MA).jsonSchemaName };
          }
        }
        t2.Cvss3P0 = s, s.SCOPE_CHANGED_FACTOR = 7.52, s.SCOPE_UNCHANGED_FACTOR = 6.42, s.EXPLOITABILITY_COEFFICIENT = 8.22, s.SCOPE_COEFFICIENT = 1.08;
      }, 730: (e2, t2) => {
        Object.defineProperty(t2, "__esModule", { value: true }), t2.EQ = void 0;
        class o {
          constructor(e3, t3, o2, a) {
            this.highestSeverityVectors = [], this.level = e3, this.vectorDepth = t3, this.highestSeverityVectorsUnparsed = o2, this.predicate = a;
          }
          getLevel() {
            return this.level;
          }
          getLevelAsInt() {
            return parseInt(this.level);
          }
          getVectorDepth() {
            return this.vectorDepth;
          }
          getHighestSeverityVectors() {
            return 0 === this.highestSeverityVectors.length && (this.highestSeverityVectors = this.highestSeverityVectorsUnparsed.map(((e3) => o.createCvssInstance(e3)))), this.highestSeverityVectors;
          }
          getHighestSeverityVectorsUnparsed() {
            return this.highestSeverityVectorsUnparsed;
          }
          matchesConstraints(e3) {
            return this.predicate(e3);
          }
        }
        t2.EQ = o;
      }, 759: (e2, t2) => {
        Object.defineProperty(t2, "__esModule", { value: true }), t2.Cvss4P0Components = void 0;
        class o {
        }
        t2.Cvss4P0Components = o, o.VULNERABLE_SYSTEM_CONFIDENTIALITY_BASE_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, H: { shortName: "H", name: "High", jsonSchemaName: "HIGH", description: "There is a total loss of confidentiality, resulting in all information within the Vulnerable System being divulged to the attacker. Alternatively, access to only some restricted information is obtained, but the disclosed information presents a direct, serious impact." }, L: { shortName: "L", name: "Low", jsonSchemaName: "LOW", description: "There is some loss of confidentiality. Access to some restricted information is obtained, but the attacker does not have control over what information is obtained, or the amount or kind of loss is limited. The information disclosure does not cause a direct, serious loss to the Vulnerable System." }, N: { shortName: "N", name: "None", jsonSchemaName: "NONE", description: "There is no loss of confidentiality within the Vulnerable System." } }, o.VULNERABLE_SYSTEM_CONFIDENTIALITY_BASE = [o.VULNERABLE_SYSTEM_CONFIDENTIALITY_BASE_VALUES.X, o.VULNERABLE_SYSTEM_CONFIDENTIALITY_BASE_VALUES.H, o.VULNERABLE_SYSTEM_CONFIDENTIALITY_BASE_VALUES.L, o.VULNERABLE_SYSTEM_CONFIDENTIALITY_BASE_VALUES.N], o.VULNERABLE_SYSTEM_INTEGRITY_BASE_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, H: { shortName: "H", name: "High", jsonSchemaName: "HIGH", description: "There is a total loss of integrity, or a complete loss of protection. For example, the attacker is able to modify any/all files protected by the Vulnerable System. Alternatively, only some files can be modified, but malicious modification would present a direct, serious consequence to the Vulnerable System." }, L: { shortName: "L", name: "Low", jsonSchemaName: "LOW", description: "Modification of data is possible, but the attacker does not have control over the consequence of a modification, or the amount of modification is limited. The data modification does not have a direct, serious impact to the Vulnerable System." }, N: { shortName: "N", name: "None", jsonSchemaName: "NONE", description: "There is no loss of integrity within the Vulnerable System." } }, o.VULNERABLE_SYSTEM_INTEGRITY_BASE = [o.VULNERABLE_SYSTEM_INTEGRITY_BASE_VALUES.X, o.VULNERABLE_SYSTEM_INTEGRITY_BASE_VALUES.H, o.VULNERABLE_SYSTEM_INTEGRITY_BASE_VALUES.L, o.VULNERABLE_SYSTEM_INTEGRITY_BASE_VALUES.N], o.VULNERABLE_SYSTEM_AVAILABILITY_BASE_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, H: { shortName: "H", name: "High", jsonSchemaName: "HIGH", description: "There is a total loss of availability, resulting in the attacker being able to fully deny access to resources in the Vulnerable System; this loss is either sustained (while the attacker continues to deliver the attack) or persistent (the condition persists even after the attack has completed). Alternatively, the attacker has the ability to deny some availability, but the loss of availability presents a direct, serious consequence to the Vulnerable System (e.g., the attacker cannot disrupt existing connections, but can prevent new connections; the attacker can repeatedly exploit a vulnerability that, in each instance of a successful attack, leaks a only small amount of memory, but after repeated exploitation causes a service to become completely unavailable)." }, L: { shortName: "L", name: "Low", jsonSchemaName: "LOW", description: "Performance is reduced or there are interruptions in resource availability. Even if repeated exploitation of the vulnerability is possible, the attacker does not have the ability to completely deny service to legitimate users. The resources in the Vulnerable System are either partially available all of the time, or fully available only some of the time, but overall there is no direct, serious consequence to the Vulnerable System." }, N: { shortName: "N", name: "None", jsonSchemaName: "NONE", description: "There is no impact to availability within the Vulnerable System." } }, o.VULNERABLE_SYSTEM_AVAILABILITY_BASE = [o.VULNERABLE_SYSTEM_AVAILABILITY_BASE_VALUES.X, o.VULNERABLE_SYSTEM_AVAILABILITY_BASE_VALUES.H, o.VULNERABLE_SYSTEM_AVAILABILITY_BASE_VALUES.L, o.VULNERABLE_SYSTEM_AVAILABILITY_BASE_VALUES.N], o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_BASE_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, S: { shortName: "S", name: "Safety", jsonSchemaName: "SAFETY", description: "! NOT A VALID VALUE FOR Safety (S), REQUIRED FOR CALCULATION OF SCORE !", hide: true }, H: { shortName: "H", name: "High", jsonSchemaName: "HIGH", description: "There is a total loss of confidentiality, resulting in all resources within the Subsequent System being divulged to the attacker. Alternatively, access to only some restricted information is obtained, but the disclosed information presents a direct, serious impact." }, L: { shortName: "L", name: "Low", jsonSchemaName: "LOW", description: "There is some loss of confidentiality. Access to some restricted information is obtained, but the attacker does not have control over what information is obtained, or the amount or kind of loss is limited. The information disclosure does not cause a direct, serious loss to the Subsequent System." }, N: { shortName: "N", name: "None", jsonSchemaName: "NONE", description: "There is no loss of confidentiality within the Subsequent System or all confidentiality impact is constrained to the Vulnerable System." } }, o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_BASE = [o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_BASE_VALUES.X, o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_BASE_VALUES.S, o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_BASE_VALUES.H, o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_BASE_VALUES.L, o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_BASE_VALUES.N], o.SUBSEQUENT_SYSTEM_INTEGRITY_BASE_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, S: { shortName: "S", name: "Safety", jsonSchemaName: "SAFETY", description: "! NOT A VALID VALUE FOR Safety (S), REQUIRED FOR CALCULATION OF SCORE !", hide: true }, H: { shortName: "H", name: "High", jsonSchemaName: "HIGH", description: "There is a total loss of integrity, or a complete loss of protection. For example, the attacker is able to modify any/all files protected by the Subsequent System. Alternatively, only some files can be modified, but malicious modification would present a direct, serious consequence to the Subsequent System." }, L: { shortName: "L", name: "Low", jsonSchemaName: "LOW", description: "Modification of data is possible, but the attacker does not have control over the consequence of a modification, or the amount of modification is limited. The data modification does not have a direct, serious impact to the Subsequent System." }, N: { shortName: "N", name: "None", jsonSchemaName: "NONE", description: "There is no loss of integrity within the Subsequent System or all integrity impact is constrained to the Vulnerable System." } }, o.SUBSEQUENT_SYSTEM_INTEGRITY_BASE = [o.SUBSEQUENT_SYSTEM_INTEGRITY_BASE_VALUES.X, o.SUBSEQUENT_SYSTEM_INTEGRITY_BASE_VALUES.S, o.SUBSEQUENT_SYSTEM_INTEGRITY_BASE_VALUES.H, o.SUBSEQUENT_SYSTEM_INTEGRITY_BASE_VALUES.L, o.SUBSEQUENT_SYSTEM_INTEGRITY_BASE_VALUES.N], o.SUBSEQUENT_SYSTEM_AVAILABILITY_BASE_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, S: { shortName: "S", name: "Safety", jsonSchemaName: "SAFETY", description: "! NOT A VALID VALUE FOR Safety (S), REQUIRED FOR CALCULATION OF SCORE !", hide: true }, H: { shortName: "H", name: "High", jsonSchemaName: "HIGH", description: "There is a total loss of availability, resulting in the attacker being able to fully deny access to resources in the Subsequent System; this loss is either sustained (while the attacker continues to deliver the attack) or persistent (the condition persists even after the attack has completed). Alternatively, the attacker has the ability to deny some availability, but the loss of availability presents a direct, serious consequence to the Subsequent System (e.g., the attacker cannot disrupt existing connections, but can prevent new connections; the attacker can repeatedly exploit a vulnerability that, in each instance of a successful attack, leaks a only small amount of memory, but after repeated exploitation causes a service to become completely unavailable)." }, L: { shortName: "L", name: "Low", jsonSchemaName: "LOW", description: "Performance is reduced or there are interruptions in resource availability. Even if repeated exploitation of the vulnerability is possible, the attacker does not have the ability to completely deny service to legitimate users. The resources in the Subsequent System are either partially available all of the time, or fully available only some of the time, but overall there is no direct, serious consequence to the Subsequent System." }, N: { shortName: "N", name: "None", jsonSchemaName: "NONE", description: "There is no impact to availability within the Subsequent System or all availability impact is constrained to the Vulnerable System." } }, o.SUBSEQUENT_SYSTEM_AVAILABILITY_BASE = [o.SUBSEQUENT_SYSTEM_AVAILABILITY_BASE_VALUES.X, o.SUBSEQUENT_SYSTEM_AVAILABILITY_BASE_VALUES.S, o.SUBSEQUENT_SYSTEM_AVAILABILITY_BASE_VALUES.H, o.SUBSEQUENT_SYSTEM_AVAILABILITY_BASE_VALUES.L, o.SUBSEQUENT_SYSTEM_AVAILABILITY_BASE_VALUES.N], o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_MODIFIED_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, H: { shortName: "H", name: "High", jsonSchemaName: "HIGH", description: "There is a total loss of confidentiality, resulting in all resources within the Subsequent System being divulged to the attacker. Alternatively, access to only some restricted information is obtained, but the disclosed information presents a direct, serious impact." }, L: { shortName: "L", name: "Low", jsonSchemaName: "LOW", description: "There is some loss of confidentiality. Access to some restricted information is obtained, but the attacker does not have control over what information is obtained, or the amount or kind of loss is limited. The information disclosure does not cause a direct, serious loss to the Subsequent System." }, N: { shortName: "N", name: "Negligible", abbreviatedName: "Negl.", jsonSchemaName: "NEGLIGIBLE", description: "There is no loss of confidentiality within the Subsequent System or all confidentiality impact is constrained to the Vulnerable System." } }, o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_MODIFIED = [o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_MODIFIED_VALUES.X, o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_MODIFIED_VALUES.H, o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_MODIFIED_VALUES.L, o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_MODIFIED_VALUES.N], o.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, S: { shortName: "S", name: "Safety", jsonSchemaName: "SAFETY", description: 'The exploited vulnerability will result in integrity impacts that could cause serious injury or worse (categories of "Marginal" or worse as described in IEC 61508) to a human actor or participant.' }, H: { shortName: "H", name: "High", jsonSchemaName: "HIGH", description: "There is a total loss of integrity, or a complete loss of protection. For example, the attacker is able to modify any/all files protected by the Subsequent System. Alternatively, only some files can be modified, but malicious modification would present a direct, serious consequence to the Subsequent System." }, L: { shortName: "L", name: "Low", jsonSchemaName: "LOW", description: "Modification of data is possible, but the attacker does not have control over the consequence of a modification, or the amount of modification is limited. The data modification does not have a direct, serious impact to the Subsequent System." }, N: { shortName: "N", name: "Negligible", abbreviatedName: "Negl.", jsonSchemaName: "NEGLIGIBLE", description: "There is no loss of integrity within the Subsequent System or all integrity impact is constrained to the Vulnerable System." } }, o.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED = [o.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED_VALUES.X, o.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED_VALUES.S, o.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED_VALUES.H, o.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED_VALUES.L, o.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED_VALUES.N], o.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, S: { shortName: "S", name: "Safety", jsonSchemaName: "SAFETY", description: 'The exploited vulnerability will result in availability impacts that could cause serious injury or worse (categories of "Marginal" or worse as described in IEC 61508) to a human actor or participant.' }, H: { shortName: "H", name: "High", jsonSchemaName: "HIGH", description: "There is a total loss of availability, resulting in the attacker being able to fully deny access to resources in the Subsequent System; this loss is either sustained (while the attacker continues to deliver the attack) or persistent (the condition persists even after the attack has completed). Alternatively, the attacker has the ability to deny some availability, but the loss of availability presents a direct, serious consequence to the Subsequent System (e.g., the attacker cannot disrupt existing connections, but can prevent new connections; the attacker can repeatedly exploit a vulnerability that, in each instance of a successful attack, leaks a only small amount of memory, but after repeated exploitation causes a service to become completely unavailable)." }, L: { shortName: "L", name: "Low", jsonSchemaName: "LOW", description: "Performance is reduced or there are interruptions in resource availability. Even if repeated exploitation of the vulnerability is possible, the attacker does not have the ability to completely deny service to legitimate users. The resources in the Subsequent System are either partially available all of the time, or fully available only some of the time, but overall there is no direct, serious consequence to the Subsequent System." }, N: { shortName: "N", name: "Negligible", abbreviatedName: "Negl.", jsonSchemaName: "NEGLIGIBLE", description: "There is no impact to availability within the Subsequent System or all availability impact is constrained to the Vulnerable System." } }, o.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED = [o.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED_VALUES.X, o.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED_VALUES.S, o.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED_VALUES.H, o.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED_VALUES.L, o.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED_VALUES.N], o.REQUIREMENT_CONFIDENTIALITY_MODIFIED_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, H: { shortName: "H", name: "High", jsonSchemaName: "HIGH", description: "Loss of Confidentiality is likely to have a catastrophic adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, M: { shortName: "M", name: "Medium", jsonSchemaName: "MEDIUM", description: "Loss of Confidentiality is likely to have a serious adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, L: { shortName: "L", name: "Low", jsonSchemaName: "LOW", description: "Loss of Confidentiality is likely to have only a limited adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." } }, o.REQUIREMENT_CONFIDENTIALITY_MODIFIED = [o.REQUIREMENT_CONFIDENTIALITY_MODIFIED_VALUES.X, o.REQUIREMENT_CONFIDENTIALITY_MODIFIED_VALUES.H, o.REQUIREMENT_CONFIDENTIALITY_MODIFIED_VALUES.M, o.REQUIREMENT_CONFIDENTIALITY_MODIFIED_VALUES.L], o.REQUIREMENT_INTEGRITY_MODIFIED_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, H: { shortName: "H", name: "High", jsonSchemaName: "HIGH", description: "Loss of Integrity is likely to have a catastrophic adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, M: { shortName: "M", name: "Medium", jsonSchemaName: "MEDIUM", description: "Loss of Integrity is likely to have a serious adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, L: { shortName: "L", name: "Low", jsonSchemaName: "LOW", description: "Loss of Integrity is likely to have only a limited adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." } }, o.REQUIREMENT_INTEGRITY_MODIFIED = [o.REQUIREMENT_INTEGRITY_MODIFIED_VALUES.X, o.REQUIREMENT_INTEGRITY_MODIFIED_VALUES.H, o.REQUIREMENT_INTEGRITY_MODIFIED_VALUES.M, o.REQUIREMENT_INTEGRITY_MODIFIED_VALUES.L], o.REQUIREMENT_AVAILABILITY_MODIFIED_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, H: { shortName: "H", name: "High", jsonSchemaName: "HIGH", description: "Loss of Availability is likely to have a catastrophic adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, M: { shortName: "M", name: "Medium", jsonSchemaName: "MEDIUM", description: "Loss of Availability is likely to have a serious adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, L: { shortName: "L", name: "Low", jsonSchemaName: "LOW", description: "Loss of Availability is likely to have only a limited adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." } }, o.REQUIREMENT_AVAILABILITY_MODIFIED = [o.REQUIREMENT_AVAILABILITY_MODIFIED_VALUES.X, o.REQUIREMENT_AVAILABILITY_MODIFIED_VALUES.H, o.REQUIREMENT_AVAILABILITY_MODIFIED_VALUES.M, o.REQUIREMENT_AVAILABILITY_MODIFIED_VALUES.L], o.AV_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Not Defined" }, N: { shortName: "N", name: "Network", jsonSchemaName: "NETWORK", description: "The vulnerable system is bound to the network stack and the set of possible attackers extends beyond the other options listed below, up to and including the entire Internet. Such a vulnerability is often termed \u201Cremotely exploitable\u201D and can be thought of as an attack being exploitable at the protocol level one or more network hops away (e.g., across one or more routers). An example of a network attack is an attacker causing a denial of service (DoS) by sending a specially crafted TCP packet across a wide area network." }, A: { shortName: "A", name: "Adjacent Network", abbreviatedName: "Adj. Network", jsonSchemaName: "ADJACENT", description: "The vulnerable system is bound to a protocol stack, but the attack is limited at the protocol level to a logically adjacent topology. This can mean an attack must be launched from the same shared proximity (e.g., Bluetooth, NFC, or IEEE 802.11) or logical network (e.g., local IP subnet), or from within a secure or otherwise limited administrative domain (e.g., MPLS, secure VPN within an administrative network zone). One example of an Adjacent attack would be an ARP (IPv4) or neighbor discovery (IPv6) flood leading to a denial of service on the local LAN segment." }, L: { shortName: "L", name: "Local", jsonSchemaName: "LOCAL", description: "The vulnerable system is not bound to the network stack and the attacker\u2019s path is via read/write/execute capabilities. Either: the attacker exploits the vulnerability by accessing the target system locally (e.g., keyboard, console), or through terminal emulation (e.g., SSH); or the attacker relies on User Interaction by another person to perform actions required to exploit the vulnerability (e.g., using social engineering techniques to trick a legitimate user into opening a malicious document)." }, P: { shortName: "P", name: "Physical", abbreviatedName: "Phys.", jsonSchemaName: "PHYSICAL", description: "The attack requires the attacker to physically touch or manipulate the vulnerable system. Physical interaction may be brief (e.g., evil maid attack) or persistent. An example of such an attack is a cold boot attack in which an attacker gains access to disk encryption keys after physically accessing the target system. Other examples include peripheral attacks via FireWire/USB Direct Memory Access (DMA)." } }, o.AV = { name: "Attack Vector", shortName: "AV", subCategory: "Exploitability Metrics", description: "This metric reflects the context by which vulnerability exploitation is possible.", values: [o.AV_VALUES.X, o.AV_VALUES.N, o.AV_VALUES.A, o.AV_VALUES.L, o.AV_VALUES.P], worseCaseValue: o.AV_VALUES.N }, o.AC_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Not Defined" }, L: { shortName: "L", name: "Low", jsonSchemaName: "LOW", description: "The attacker must take no measurable action to exploit the vulnerability. The attack requires no target-specific circumvention to exploit the vulnerability. An attacker can expect repeatable success against the vulnerable system." }, H: { shortName: "H", name: "High", jsonSchemaName: "HIGH", description: "successful attack depends on the evasion or circumvention of security-enhancing techniques in place that would otherwise hinder the attack. The attacker must have additional methods available to bypass security measures in place." } }, o.AC = { name: "Attack Complexity", shortName: "AC", subCategory: "Exploitability Metrics", description: "This metric captures measurable actions that the attacker must take to evade or circumvent built-in security-enhancing conditions in order to obtain a working exploit.", values: [o.AC_VALUES.X, o.AC_VALUES.L, o.AC_VALUES.H], worseCaseValue: o.AC_VALUES.L }, o.AT_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Not Defined" }, N: { shortName: "N", name: "None", jsonSchemaName: "NONE", description: "The successful attack does not depend on the deployment and execution conditions of the vulnerable system. The attacker can expect to be able to reach the vulnerability and execute the exploit under all or most instances of the vulnerability." }, P: { shortName: "P", name: "Present", jsonSchemaName: "PRESENT", description: "The successful attack depends on the presence of specific deployment and execution conditions of the vulnerable system that enable the attack. The successfulness of the attack is conditioned on execution conditions that are not under full control of the attacker. The attack may need to be launched multiple times against a single target before being successful. Network injection. The attacker must inject themselves into the logical network path between the target and the resource requested by the victim (e.g. vulnerabilities requiring an on-path attacker)." } }, o.AT = { name: "Attack Requirements", shortName: "AT", subCategory: "Exploitability Metrics", description: "This metric captures the prerequisite deployment and execution conditions or variables of the vulnerable system that enable the attack.", values: [o.AT_VALUES.X, o.AT_VALUES.N, o.AT_VALUES.P], worseCaseValue: o.AT_VALUES.N }, o.PR_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Not Defined" }, N: { shortName: "N", name: "None", jsonSchemaName: "NONE", description: "The attacker is unauthenticated prior to attack, and therefore does not require any access to settings or files of the vulnerable system to carry out an attack." }, L: { shortName: "L", name: "Low", jsonSchemaName: "LOW", description: "The attacker requires privileges that provide basic capabilities that are typically limited to settings and resources owned by a single low-privileged user. Alternatively, an attacker with Low privileges has the ability to access only non-sensitive resources." }, H: { shortName: "H", name: "High", jsonSchemaName: "HIGH", description: "The attacker requires privileges that provide significant (e.g., administrative) control over the vulnerable system allowing full access to the vulnerable system\u2019s settings and files." } }, o.PR = { name: "Privileges Required", shortName: "PR", subCategory: "Exploitability Metrics", description: "This metric describes the level of privileges an attacker must possess prior to successfully exploiting the vulnerability.", values: [o.PR_VALUES.X, o.PR_VALUES.N, o.PR_VALUES.L, o.PR_VALUES.H], worseCaseValue: o.PR_VALUES.N }, o.UI_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Not Defined" }, N: { shortName: "N", name: "None", jsonSchemaName: "NONE", description: "The vulnerable system can be exploited without interaction from any human user, other than the attacker. Examples include: a remote attacker is able to send packets to a target system a locally authenticated attacker executes code to elevate privileges" }, P: { shortName: "P", name: "Passive", jsonSchemaName: "PASSIVE", description: "Successful exploitation of this vulnerability requires limited interaction by the targeted user with the vulnerable system and the attacker\u2019s payload. These interactions would be considered involuntary and do not require that the user actively subvert protections built into the vulnerable system." }, A: { shortName: "A", name: "Active", jsonSchemaName: "ACTIVE", description: "Successful exploitation of this vulnerability requires a targeted user to perform specific, conscious interactions with the vulnerable system and the attacker\u2019s payload, or the user\u2019s interactions would actively subvert protection mechanisms which would lead to exploitation of the vulnerability." } }, o.UI = { name: "User Interaction", shortName: "UI", subCategory: "Exploitability Metrics", description: "This metric captures the requirement for a human user, other than the attacker, to participate in the successful compromise of the vulnerable system.", values: [o.UI_VALUES.X, o.UI_VALUES.N, o.UI_VALUES.P, o.UI_VALUES.A], worseCaseValue: o.UI_VALUES.N }, o.VC = { name: "Confidentiality", shortName: "VC", subCategory: "Vulnerable System Impact", description: "This metric measures the impact to the confidentiality of the information managed by the Vulnerable System due to a successfully exploited vulnerability.", values: o.VULNERABLE_SYSTEM_CONFIDENTIALITY_BASE, worseCaseValue: o.VULNERABLE_SYSTEM_CONFIDENTIALITY_BASE_VALUES.H }, o.VI = { name: "Integrity", shortName: "VI", subCategory: "Vulnerable System Impact", description: "This metric measures the impact to the integrity of the Vulnerable System due to a successfully exploited vulnerability.", values: o.VULNERABLE_SYSTEM_INTEGRITY_BASE, worseCaseValue: o.VULNERABLE_SYSTEM_INTEGRITY_BASE_VALUES.H }, o.VA = { name: "Availability", shortName: "VA", subCategory: "Vulnerable System Impact", description: "This metric measures the impact to the availability of the Vulnerable System due to a successfully exploited vulnerability.", values: o.VULNERABLE_SYSTEM_AVAILABILITY_BASE, worseCaseValue: o.VULNERABLE_SYSTEM_AVAILABILITY_BASE_VALUES.H }, o.SC = { name: "Confidentiality", shortName: "SC", subCategory: "Subsequent System Impact", description: "This metric measures the impact to the confidentiality of information managed by a system other than the Vulnerable System as a consequence of a successfully exploited vulnerability.", values: o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_BASE, worseCaseValue: o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_BASE_VALUES.H }, o.SI = { name: "Integrity", shortName: "SI", subCategory: "Subsequent System Impact", description: "This metric measures the impact to the integrity of a system other than the Vulnerable System as a consequence of a successfully exploited vulnerability.", values: o.SUBSEQUENT_SYSTEM_INTEGRITY_BASE, worseCaseValue: o.SUBSEQUENT_SYSTEM_INTEGRITY_BASE_VALUES.H }, o.SA = { name: "Availability", shortName: "SA", subCategory: "Subsequent System Impact", description: "This metric measures the impact to the availability of a system other than the Vulnerable System as a consequence of a successfully exploited vulnerability.", values: o.SUBSEQUENT_SYSTEM_AVAILABILITY_BASE, worseCaseValue: o.SUBSEQUENT_SYSTEM_AVAILABILITY_BASE_VALUES.H }, o.S_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "The metric has not been evaluated." }, N: { shortName: "N", name: "Negligible", abbreviatedName: "Negl.", jsonSchemaName: "NEGLIGIBLE", description: 'Consequences of the vulnerability meet definition of IEC 61508 consequence categories of "marginal," "critical," or "catastrophic."' }, P: { shortName: "P", name: "Present", jsonSchemaName: "PRESENT", description: 'Consequences of the vulnerability meet definition of IEC 61508 consequence category "negligible."' } }, o.S = { name: "Safety", shortName: "S", description: "This supplemental metric captures Safety impacts of a vulnerability when the affected system has an intended use or fitness of purpose aligned to safety.", values: [o.S_VALUES.X, o.S_VALUES.N, o.S_VALUES.P], worseCaseValue: o.S_VALUES.P }, o.AU_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "The metric has not been evaluated." }, N: { shortName: "N", name: "No", jsonSchemaName: "NO", description: "Attackers cannot reliably automate all 4 steps of the kill chain for this vulnerability for some reason. These steps are reconnaissance, weaponization, delivery, and exploitation." }, Y: { shortName: "Y", name: "Yes", jsonSchemaName: "YES", description: "Attackers can reliably automate all 4 steps of the kill chain. These steps are reconnaissance, weaponization, delivery, and exploitation (e.g., the vulnerability is \u201Cwormable\u201D)." } }, o.AU = { name: "Automatable", shortName: "AU", description: "This supplemental metric captures whether an attacker can reliably automate exploitation of this vulnerability across multiple targets, based on the first four steps of the kill chain (reconnaissance, weaponization, delivery, and exploitation).", values: [o.AU_VALUES.X, o.AU_VALUES.N, o.AU_VALUES.Y], worseCaseValue: o.AU_VALUES.Y }, o.R_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "The metric has not been evaluated." }, A: { shortName: "A", name: "Automatic", abbreviatedName: "Automat.", jsonSchemaName: "AUTOMATIC", description: "The system recovers services automatically after an attack has been performed." }, U: { shortName: "U", name: "User", jsonSchemaName: "USER", description: "The system requires manual intervention by the user to recover services, after an attack has been performed." }, I: { shortName: "I", name: "Irrecoverable", abbreviatedName: "Irrecov.", jsonSchemaName: "IRRECOVERABLE", description: "The system services are irrecoverable by the user, after an attack has been performed." } }, o.R = { name: "Recovery", shortName: "R", description: "This supplemental metric describes the resilience of a system to recover services, in terms of performance and availability, after an attack has been performed.", values: [o.R_VALUES.X, o.R_VALUES.A, o.R_VALUES.U, o.R_VALUES.I], worseCaseValue: o.R_VALUES.I }, o.V_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "The metric has not been evaluated." }, D: { shortName: "D", name: "Diffuse", jsonSchemaName: "DIFFUSE", description: "The vulnerable system has limited resources. That is, the resources that the attacker will gain control over with a single exploitation event are relatively small. An example of Diffuse (think: limited) Value Density would be an attack on a single email client vulnerability." }, C: { shortName: "C", name: "Concentrated", abbreviatedName: "Concentr.", jsonSchemaName: "CONCENTRATED", description: "The vulnerable system is rich in resources. Heuristically, such systems are often the direct responsibility of \u201Csystem operators\u201D rather than users. An example of Concentrated (think: broad) Value Density would be an attack on a central email server." } }, o.V = { name: "Value Density", shortName: "V", description: "This supplemental metric describes the resources that the attacker will gain control over with a single exploitation event.", values: [o.V_VALUES.X, o.V_VALUES.D, o.V_VALUES.C], worseCaseValue: o.V_VALUES.C }, o.RE_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "The metric has not been evaluated." }, L: { shortName: "L", name: "Low", jsonSchemaName: "LOW", description: "The effort required to respond to a vulnerability is low/trivial. Examples include: communication on better documentation, configuration workarounds, or guidance from the vendor that does not require an immediate update, upgrade, or replacement by the consuming entity, such as firewall filter configuration." }, M: { shortName: "M", name: "Moderate", abbreviatedName: "Moder.", jsonSchemaName: "MODERATE", description: "The actions required to respond to a vulnerability require some effort on behalf of the consumer and could cause minimal service impact to implement. Examples include: simple remote update, disabling of a subsystem, or a low-touch software upgrade such as a driver update." }, H: { shortName: "H", name: "High", jsonSchemaName: "HIGH", description: "The actions required to respond to a vulnerability are significant and/or difficult, and may possibly lead to an extended, scheduled service impact. This would need to be considered for scheduling purposes including honoring any embargo on deployment of the selected response. Alternatively, response to the vulnerability in the field is not possible remotely. The only resolution to the vulnerability involves physical replacement (e.g. units deployed would have to be recalled for a depot level repair or replacement)." } }, o.RE = { name: "Vulnerability Response Effort", shortName: "RE", description: "This supplemental metric provides supplemental information on how difficult it is for consumers to provide an initial response to the impact of a vulnerability for deployed products and services in their infrastructure.", values: [o.RE_VALUES.X, o.RE_VALUES.L, o.RE_VALUES.M, o.RE_VALUES.H], worseCaseValue: o.RE_VALUES.H }, o.U_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "The metric has not been evaluated." }, Clear: { shortName: "Clear", name: "Clear", jsonSchemaName: "CLEAR", description: "Provider has assessed the impact of this vulnerability as having the highest urgency." }, Green: { shortName: "Green", name: "Green", jsonSchemaName: "GREEN", description: "Provider has assessed the impact of this vulnerability as having a moderate urgency." }, Amber: { shortName: "Amber", name: "Amber", jsonSchemaName: "AMBER", description: "Provider has assessed the impact of this vulnerability as having a reduced urgency." }, Red: { shortName: "Red", name: "Red", jsonSchemaName: "RED", description: "Provider has assessed the impact of this vulnerability as having no urgency (Informational)." } }, o.U = { name: "Provider Urgency", shortName: "U", description: "This supplemental metric provides a standardized way for the system provider to convey a qualitative urgency rating (Clear, Green, Amber, Red) for the vulnerability.", values: [o.U_VALUES.X, o.U_VALUES.Clear, o.U_VALUES.Green, o.U_VALUES.Amber, o.U_VALUES.Red], worseCaseValue: o.U_VALUES.Red }, o.MAV = { name: "Modified Attack Vector", shortName: "MAV", subCategory: "Exploitability Metrics", description: "Overrides the Base Attack Vector metric to reflect specific characteristics of the analyst's environment.", baseMetricEquivalent: o.AV, values: o.AV.values, worseCaseValue: o.AV_VALUES.N }, o.MAC = { name: "Modified Attack Complexity", shortName: "MAC", subCategory: "Exploitability Metrics", description: "Overrides the Base Attack Complexity metric to reflect specific characteristics of the analyst's environment.", baseMetricEquivalent: o.AC, values: o.AC.values, worseCaseValue: o.AC_VALUES.L }, o.MAT = { name: "Modified Attack Requirements", shortName: "MAT", subCategory: "Exploitability Metrics", description: "Overrides the Base Attack Requirements metric to reflect specific characteristics of the analyst's environment.", baseMetricEquivalent: o.AT, values: o.AT.values, worseCaseValue: o.AT_VALUES.P }, o.MPR = { name: "Modified Privileges Required", shortName: "MPR", subCategory: "Exploitability Metrics", description: "Overrides the Base Privileges Required metric to reflect specific characteristics of the analyst's environment.", baseMetricEquivalent: o.PR, values: o.PR.values, worseCaseValue: o.PR_VALUES.N }, o.MUI = { name: "Modified User Interaction", shortName: "MUI", subCategory: "Exploitability Metrics", description: "Overrides the Base User Interaction metric to reflect specific characteristics of the analyst's environment.", baseMetricEquivalent: o.UI, values: o.UI.values, worseCaseValue: o.UI_VALUES.N }, o.MVC = { name: "Modified Confidentiality", shortName: "MVC", subCategory: "Vulnerable System Impact", description: "Overrides the Base Vulnerable System Confidentiality metric to reflect specific characteristics of the analyst's environment.", baseMetricEquivalent: o.VC, values: o.VULNERABLE_SYSTEM_CONFIDENTIALITY_BASE, worseCaseValue: o.VULNERABLE_SYSTEM_CONFIDENTIALITY_BASE_VALUES.H }, o.MVI = { name: "Modified Integrity", shortName: "MVI", subCategory: "Vulnerable System Impact", description: "Overrides the Base Vulnerable System Integrity metric to reflect specific characteristics of the analyst's environment.", baseMetricEquivalent: o.VI, values: o.VULNERABLE_SYSTEM_INTEGRITY_BASE, worseCaseValue: o.VULNERABLE_SYSTEM_INTEGRITY_BASE_VALUES.H }, o.MVA = { name: "Modified Availability", shortName: "MVA", subCategory: "Vulnerable System Impact", description: "Overrides the Base Vulnerable System Availability metric to reflect specific characteristics of the analyst's environment.", baseMetricEquivalent: o.VA, values: o.VULNERABLE_SYSTEM_AVAILABILITY_BASE, worseCaseValue: o.VULNERABLE_SYSTEM_AVAILABILITY_BASE_VALUES.H }, o.MSC = { name: "Modified Confidentiality", shortName: "MSC", subCategory: "Subsequent System Impact", description: "Overrides the Base Subsequent System Confidentiality metric to reflect specific characteristics of the analyst's environment.", baseMetricEquivalent: o.SC, values: o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_MODIFIED, worseCaseValue: o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_MODIFIED_VALUES.H }, o.MSI = { name: "Modified Integrity", shortName: "MSI", subCategory: "Subsequent System Impact", description: "Overrides the Base Subsequent System Integrity metric to reflect specific characteristics of the analyst's environment.", baseMetricEquivalent: o.SI, baseMetricEquivalentMapper: (e3) => e3 === o.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED_VALUES.S ? o.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED_VALUES.H : e3, values: o.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED, worseCaseValue: o.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED_VALUES.H }, o.MSA = { name: "Modified Availability", shortName: "MSA", subCategory: "Subsequent System Impact", description: "Overrides the Base Subsequent System Availability metric to reflect specific characteristics of the analyst's environment.", baseMetricEquivalent: o.SA, baseMetricEquivalentMapper: (e3) => e3 === o.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED_VALUES.S ? o.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED_VALUES.H : e3, values: o.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED, worseCaseValue: o.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED_VALUES.H }, o.CR = { name: "Confidentiality Requirement", shortName: "CR", description: "This metric enables the consumer to customize the assessment depending on the importance of Confidentiality to the affected IT asset within the analyst's organization.", values: o.REQUIREMENT_CONFIDENTIALITY_MODIFIED, worseCaseValue: o.REQUIREMENT_CONFIDENTIALITY_MODIFIED_VALUES.H }, o.IR = { name: "Integrity Requirement", shortName: "IR", description: "This metric enables the consumer to customize the assessment depending on the importance of Integrity to the affected IT asset within the analyst's organization.", values: o.REQUIREMENT_INTEGRITY_MODIFIED, worseCaseValue: o.REQUIREMENT_INTEGRITY_MODIFIED_VALUES.H }, o.AR = { name: "Availability Requirement", shortName: "AR", description: "This metric enables the consumer to customize the assessment depending on the importance of Availability to the affected IT asset within the analyst's organization.", values: o.REQUIREMENT_AVAILABILITY_MODIFIED, worseCaseValue: o.REQUIREMENT_AVAILABILITY_MODIFIED_VALUES.H }, o.E_VALUES = { X: { shortName: "X", name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Reliable threat intelligence is not available to determine Exploit Maturity characteristics. This is the default value and is equivalent to Attacked (A) for the purposes of the calculation of the score by assuming the worst case." }, A: { shortName: "A", name: "Attacked", jsonSchemaName: "ATTACKED", description: "Based on available threat intelligence either of the following must apply: Attacks targeting this vulnerability (attempted or successful) have been reported Solutions to simplify attempts to exploit the vulnerability are publicly or privately available (such as exploit toolkits)" }, P: { shortName: "P", name: "POC", jsonSchemaName: "PROOF_OF_CONCEPT", description: "Based on available threat intelligence each of the following must apply: Proof-of-concept exploit code is publicly available No knowledge of reported attempts to exploit this vulnerability No knowledge of publicly available solutions used to simplify attempts to exploit the vulnerability (i.e., the \u201CAttacked\u201D value does not apply)" }, U: { shortName: "U", name: "Unreported", jsonSchemaName: "UNREPORTED", description: "Based on available threat intelligence each of the following must apply: No knowledge of publicly available proof-of-concept exploit code No knowledge of reported attempts to exploit this vulnerability No knowledge of publicly available solutions used to simplify attempts to exploit the vulnerability (i.e., neither the \u201CPOC\u201D nor \u201CAttacked\u201D values apply)" } }, o.E = { name: "Exploit Maturity", shortName: "E", description: "This metric measures the likelihood of the vulnerability being attacked, and is based on the current state of exploit techniques, exploit code availability, or active in-the-wild exploitation.", values: [o.E_VALUES.X, o.E_VALUES.A, o.E_VALUES.P, o.E_VALUES.U], worseCaseValue: o.E_VALUES.A }, o.BASE_CATEGORY = { name: "base", description: "Base Metrics" }, o.SUPPLEMENTAL_CATEGORY = { name: "supplemental", description: "Supplemental Metrics" }, o.ENVIRONMENTAL_MODIFIED_BASE_CATEGORY = { name: "environmental-base", description: "Environmental Metrics (Modified Base)" }, o.ENVIRONMENTAL_SECURITY_REQUIREMENT_CATEGORY = { name: "environmental-security-requirement", description: "Environmental Metrics (Security Requirements)" }, o.THREAT_CATEGORY = { name: "threat", description: "Threat Metrics" }, o.BASE_CATEGORY_VALUES = [o.AV, o.AC, o.AT, o.PR, o.UI, o.VC, o.VI, o.VA, o.SC, o.SI, o.SA], o.SUPPLEMENTAL_CATEGORY_VALUES = [o.S, o.AU, o.R, o.V, o.RE, o.U], o.ENVIRONMENTAL_MODIFIED_BASE_CATEGORY_VALUES = [o.MAV, o.MAC, o.MAT, o.MPR, o.MUI, o.MVC, o.MVI, o.MVA, o.MSC, o.MSI, o.MSA], o.ENVIRONMENTAL_SECURITY_REQUIREMENT_CATEGORY_VALUES = [o.CR, o.IR, o.AR], o.THREAT_CATEGORY_VALUES = [o.E], o.REGISTERED_COMPONENTS_EDITOR_ORDER = /* @__PURE__ */ new Map(), o.REGISTERED_COMPONENTS_VECTOR_STRING_ORDER = /* @__PURE__ */ new Map(), o.REGISTERED_COMPONENTS_EDITOR_ORDER.set(o.BASE_CATEGORY, o.BASE_CATEGORY_VALUES), o.REGISTERED_COMPONENTS_EDITOR_ORDER.set(o.SUPPLEMENTAL_CATEGORY, o.SUPPLEMENTAL_CATEGORY_VALUES), o.REGISTERED_COMPONENTS_EDITOR_ORDER.set(o.ENVIRONMENTAL_MODIFIED_BASE_CATEGORY, o.ENVIRONMENTAL_MODIFIED_BASE_CATEGORY_VALUES), o.REGISTERED_COMPONENTS_EDITOR_ORDER.set(o.ENVIRONMENTAL_SECURITY_REQUIREMENT_CATEGORY, o.ENVIRONMENTAL_SECURITY_REQUIREMENT_CATEGORY_VALUES), o.REGISTERED_COMPONENTS_EDITOR_ORDER.set(o.THREAT_CATEGORY, o.THREAT_CATEGORY_VALUES), o.REGISTERED_COMPONENTS_VECTOR_STRING_ORDER.set(o.BASE_CATEGORY, o.BASE_CATEGORY_VALUES), o.REGISTERED_COMPONENTS_VECTOR_STRING_ORDER.set(o.THREAT_CATEGORY, o.THREAT_CATEGORY_VALUES), o.REGISTERED_COMPONENTS_VECTOR_STRING_ORDER.set(o.ENVIRONMENTAL_SECURITY_REQUIREMENT_CATEGORY, o.ENVIRONMENTAL_SECURITY_REQUIREMENT_CATEGORY_VALUES), o.REGISTERED_COMPONENTS_VECTOR_STRING_ORDER.set(o.ENVIRONMENTAL_MODIFIED_BASE_CATEGORY, o.ENVIRONMENTAL_MODIFIED_BASE_CATEGORY_VALUES), o.REGISTERED_COMPONENTS_VECTOR_STRING_ORDER.set(o.SUPPLEMENTAL_CATEGORY, o.SUPPLEMENTAL_CATEGORY_VALUES), o.MV_LOOKUP = { "000000": 10, "000001": 9.9, "000010": 9.8, "000011": 9.5, "000020": 9.5, "000021": 9.2, "000100": 10, "000101": 9.6, "000110": 9.3, "000111": 8.7, "000120": 9.1, "000121": 8.1, "000200": 9.3, "000201": 9, "000210": 8.9, "000211": 8, "000220": 8.1, "000221": 6.8, "001000": 9.8, "001001": 9.5, "001010": 9.5, "001011": 9.2, "001020": 9, "001021": 8.4, "001100": 9.3, "001101": 9.2, "001110": 8.9, "001111": 8.1, "001120": 8.1, "001121": 6.5, "001200": 8.8, "001201": 8, "001210": 7.8, "001211": 7, "001220": 6.9, "001221": 4.8, "002001": 9.2, "002011": 8.2, "002021": 7.2, "002101": 7.9, "002111": 6.9, "002121": 5, "002201": 6.9, "002211": 5.5, "002221": 2.7, "010000": 9.9, "010001": 9.7, "010010": 9.5, "010011": 9.2, "010020": 9.2, "010021": 8.5, "010100": 9.5, "010101": 9.1, "010110": 9, "010111": 8.3, "010120": 8.4, "010121": 7.1, "010200": 9.2, "010201": 8.1, "010210": 8.2, "010211": 7.1, "010220": 7.2, "010221": 5.3, "011000": 9.5, "011001": 9.3, "011010": 9.2, "011011": 8.5, "011020": 8.5, "011021": 7.3, "011100": 9.2, "011101": 8.2, "011110": 8, "011111": 7.2, "011120": 7, "011121": 5.9, "011200": 8.4, "011201": 7, "011210": 7.1, "011211": 5.2, "011220": 5, "011221": 3, "012001": 8.6, "012011": 7.5, "012021": 5.2, "012101": 7.1, "012111": 5.2, "012121": 2.9, "012201": 6.3, "012211": 2.9, "012221": 1.7, 1e5: 9.8, 100001: 9.5, 100010: 9.4, 100011: 8.7, 100020: 9.1, 100021: 8.1, 100100: 9.4, 100101: 8.9, 100110: 8.6, 100111: 7.4, 100120: 7.7, 100121: 6.4, 100200: 8.7, 100201: 7.5, 100210: 7.4, 100211: 6.3, 100220: 6.3, 100221: 4.9, 101e3: 9.4, 101001: 8.9, 101010: 8.8, 101011: 7.7, 101020: 7.6, 101021: 6.7, 101100: 8.6, 101101: 7.6, 101110: 7.4, 101111: 5.8, 101120: 5.9, 101121: 5, 101200: 7.2, 101201: 5.7, 101210: 5.7, 101211: 5.2, 101220: 5.2, 101221: 2.5, 102001: 8.3, 102011: 7, 102021: 5.4, 102101: 6.5, 102111: 5.8, 102121: 2.6, 102201: 5.3, 102211: 2.1, 102221: 1.3, 11e4: 9.5, 110001: 9, 110010: 8.8, 110011: 7.6, 110020: 7.6, 110021: 7, 110100: 9, 110101: 7.7, 110110: 7.5, 110111: 6.2, 110120: 6.1, 110121: 5.3, 110200: 7.7, 110201: 6.6, 110210: 6.8, 110211: 5.9, 110220: 5.2, 110221: 3, 111e3: 8.9, 111001: 7.8, 111010: 7.6, 111011: 6.7, 111020: 6.2, 111021: 5.8, 111100: 7.4, 111101: 5.9, 111110: 5.7, 111111: 5.7, 111120: 4.7, 111121: 2.3, 111200: 6.1, 111201: 5.2, 111210: 5.7, 111211: 2.9, 111220: 2.4, 111221: 1.6, 112001: 7.1, 112011: 5.9, 112021: 3, 112101: 5.8, 112111: 2.6, 112121: 1.5, 112201: 2.3, 112211: 1.3, 112221: 0.6, 2e5: 9.3, 200001: 8.7, 200010: 8.6, 200011: 7.2, 200020: 7.5, 200021: 5.8, 200100: 8.6, 200101: 7.4, 200110: 7.4, 200111: 6.1, 200120: 5.6, 200121: 3.4, 200200: 7, 200201: 5.4, 200210: 5.2, 200211: 4, 200220: 4, 200221: 2.2, 201e3: 8.5, 201001: 7.5, 201010: 7.4, 201011: 5.5, 201020: 6.2, 201021: 5.1, 201100: 7.2, 201101: 5.7, 201110: 5.5, 201111: 4.1, 201120: 4.6, 201121: 1.9, 201200: 5.3, 201201: 3.6, 201210: 3.4, 201211: 1.9, 201220: 1.9, 201221: 0.8, 202001: 6.4, 202011: 5.1, 202021: 2, 202101: 4.7, 202111: 2.1, 202121: 1.1, 202201: 2.4, 202211: 0.9, 202221: 0.4, 21e4: 8.8, 210001: 7.5, 210010: 7.3, 210011: 5.3, 210020: 6, 210021: 5, 210100: 7.3, 210101: 5.5, 210110: 5.9, 210111: 4, 210120: 4.1, 210121: 2, 210200: 5.4, 210201: 4.3, 210210: 4.5, 210211: 2.2, 210220: 2, 210221: 1.1, 211e3: 7.5, 211001: 5.5, 211010: 5.8, 211011: 4.5, 211020: 4, 211021: 2.1, 211100: 6.1, 211101: 5.1, 211110: 4.8, 211111: 1.8, 211120: 2, 211121: 0.9, 211200: 4.6, 211201: 1.8, 211210: 1.7, 211211: 0.7, 211220: 0.8, 211221: 0.2, 212001: 5.3, 212011: 2.4, 212021: 1.4, 212101: 2.4, 212111: 1.2, 212121: 0.5, 212201: 1, 212211: 0.3, 212221: 0.1 }, o.ATTRIBUTE_SEVERITY_ORDER = [[o.AT_VALUES.P, o.AT_VALUES.P], [o.AT_VALUES.N, o.AT_VALUES.N], [o.AT_VALUES.X, o.AT_VALUES.X], [o.S_VALUES.X], [o.S_VALUES.N], [o.S_VALUES.P], [o.AU_VALUES.X], [o.AU_VALUES.N], [o.AU_VALUES.Y], [o.V_VALUES.X], [o.V_VALUES.D], [o.V_VALUES.C], [o.AC_VALUES.H, o.AC_VALUES.H], [o.AC_VALUES.L, o.AC_VALUES.L], [o.AC_VALUES.X, o.AC_VALUES.X], [o.PR_VALUES.H, o.PR_VALUES.H], [o.PR_VALUES.L, o.PR_VALUES.L], [o.PR_VALUES.N, o.PR_VALUES.N], [o.PR_VALUES.X, o.PR_VALUES.X], [o.UI_VALUES.A, o.UI_VALUES.A], [o.UI_VALUES.P, o.UI_VALUES.P], [o.UI_VALUES.N, o.UI_VALUES.N], [o.UI_VALUES.X, o.UI_VALUES.X], [o.VULNERABLE_SYSTEM_CONFIDENTIALITY_BASE_VALUES.X, o.VULNERABLE_SYSTEM_INTEGRITY_BASE_VALUES.X, o.VULNERABLE_SYSTEM_AVAILABILITY_BASE_VALUES.X], [o.VULNERABLE_SYSTEM_CONFIDENTIALITY_BASE_VALUES.N, o.VULNERABLE_SYSTEM_INTEGRITY_BASE_VALUES.N, o.VULNERABLE_SYSTEM_AVAILABILITY_BASE_VALUES.N], [o.VULNERABLE_SYSTEM_CONFIDENTIALITY_BASE_VALUES.L, o.VULNERABLE_SYSTEM_INTEGRITY_BASE_VALUES.L, o.VULNERABLE_SYSTEM_AVAILABILITY_BASE_VALUES.L], [o.VULNERABLE_SYSTEM_CONFIDENTIALITY_BASE_VALUES.H, o.VULNERABLE_SYSTEM_INTEGRITY_BASE_VALUES.H, o.VULNERABLE_SYSTEM_AVAILABILITY_BASE_VALUES.H], [o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_MODIFIED_VALUES.X, o.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED_VALUES.X, o.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED_VALUES.X, o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_BASE_VALUES.X, o.SUBSEQUENT_SYSTEM_INTEGRITY_BASE_VALUES.X, o.SUBSEQUENT_SYSTEM_AVAILABILITY_BASE_VALUES.X], [o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_MODIFIED_VALUES.N, o.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED_VALUES.N, o.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED_VALUES.N, o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_BASE_VALUES.N, o.SUBSEQUENT_SYSTEM_INTEGRITY_BASE_VALUES.N, o.SUBSEQUENT_SYSTEM_AVAILABILITY_BASE_VALUES.N], [o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_MODIFIED_VALUES.L, o.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED_VALUES.L, o.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED_VALUES.L, o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_BASE_VALUES.L, o.SUBSEQUENT_SYSTEM_INTEGRITY_BASE_VALUES.L, o.SUBSEQUENT_SYSTEM_AVAILABILITY_BASE_VALUES.L], [o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_MODIFIED_VALUES.H, o.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED_VALUES.H, o.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED_VALUES.H, o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_BASE_VALUES.H, o.SUBSEQUENT_SYSTEM_INTEGRITY_BASE_VALUES.H, o.SUBSEQUENT_SYSTEM_AVAILABILITY_BASE_VALUES.H], [o.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED_VALUES.S, o.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED_VALUES.S, o.SUBSEQUENT_SYSTEM_CONFIDENTIALITY_BASE_VALUES.S, o.SUBSEQUENT_SYSTEM_INTEGRITY_BASE_VALUES.S, o.SUBSEQUENT_SYSTEM_AVAILABILITY_BASE_VALUES.S], [o.REQUIREMENT_CONFIDENTIALITY_MODIFIED_VALUES.L, o.REQUIREMENT_AVAILABILITY_MODIFIED_VALUES.L, o.REQUIREMENT_INTEGRITY_MODIFIED_VALUES.L], [o.REQUIREMENT_CONFIDENTIALITY_MODIFIED_VALUES.M, o.REQUIREMENT_AVAILABILITY_MODIFIED_VALUES.M, o.REQUIREMENT_INTEGRITY_MODIFIED_VALUES.M], [o.REQUIREMENT_CONFIDENTIALITY_MODIFIED_VALUES.H, o.REQUIREMENT_AVAILABILITY_MODIFIED_VALUES.H, o.REQUIREMENT_INTEGRITY_MODIFIED_VALUES.H], [o.REQUIREMENT_CONFIDENTIALITY_MODIFIED_VALUES.X, o.REQUIREMENT_AVAILABILITY_MODIFIED_VALUES.X, o.REQUIREMENT_INTEGRITY_MODIFIED_VALUES.X], [o.E_VALUES.U], [o.E_VALUES.P], [o.E_VALUES.A], [o.E_VALUES.X], [o.R_VALUES.X], [o.R_VALUES.A], [o.R_VALUES.U], [o.R_VALUES.I], [o.RE_VALUES.X], [o.RE_VALUES.L], [o.RE_VALUES.M], [o.RE_VALUES.H], [o.U_VALUES.X], [o.U_VALUES.Clear], [o.U_VALUES.Green], [o.U_VALUES.Amber], [o.U_VALUES.Red], [o.AV_VALUES.X, o.AV_VALUES.X], [o.AV_VALUES.P, o.AV_VALUES.P], [o.AV_VALUES.L, o.AV_VALUES.L], [o.AV_VALUES.A, o.AV_VALUES.A], [o.AV_VALUES.N, o.AV_VALUES.N]];
      }, 904: (e2, t2) => {
        Object.defineProperty(t2, "__esModule", { value: true }), t2.EqOperations36 = t2.EqOperations5 = t2.EqOperations4 = t2.EqOperations2 = t2.EqOperations1 = t2.EqOperations1245 = t2.getEqImplementations = void 0, t2.getEqImplementations = () => [a.getInstance(), i.getInstance(), s.getInstance(), n.getInstance(), r.getInstance()];
        class o {
          deriveNextLowerMacro(e3) {
            return [e3.deriveNextLower(this.getEqNumber())];
          }
          lookupScoresForNextLowerMacro(e3) {
            return e3[0].getLookupTableScore();
          }
          getHighestSeverityVectors(e3) {
            return this.getEq(e3).getHighestSeverityVectorsUnparsed();
          }
          lookupMacroVectorDepth(e3) {
            return this.getEq(e3).getVectorDepth();
          }
        }
        t2.EqOperations1245 = o;
        class a extends o {
          getEq(e3) {
            return e3.getEq1();
          }
          getRelevantAttributes() {
            return ["AV", "PR", "UI"];
          }
          getEqNumber() {
            return 1;
          }
          static getInstance() {
            return a.instance;
          }
        }
        t2.EqOperations1 = a, a.instance = new a();
        class i extends o {
          getEq(e3) {
            return e3.getEq2();
          }
          getRelevantAttributes() {
            return ["AC", "AT"];
          }
          getEqNumber() {
            return 2;
          }
          static getInstance() {
            return i.instance;
          }
        }
        t2.EqOperations2 = i, i.instance = new i();
        class s extends o {
          getEq(e3) {
            return e3.getEq4();
          }
          getRelevantAttributes() {
            return ["SC", "SI", "SA"];
          }
          getEqNumber() {
            return 4;
          }
          static getInstance() {
            return s.instance;
          }
        }
        t2.EqOperations4 = s, s.instance = new s();
        class n extends o {
          getEq(e3) {
            return e3.getEq5();
          }
          getRelevantAttributes() {
            return [];
          }
          getEqNumber() {
            return 5;
          }
          static getInstance() {
            return n.instance;
          }
        }
        t2.EqOperations5 = n, n.instance = new n();
        class r {
          static getInstance() {
            return r.instance;
          }
          getHighestSeverityVectors(e3) {
            return e3.getJointEq3AndEq6().getHighestSeverityVectorsUnparsed();
          }
          getRelevantAttributes() {
            return ["VC", "VI", "VA", "CR", "IR", "AR"];
          }
          deriveNextLowerMacro(e3) {
            const t3 = e3.getEq3().getLevelAsInt(), o2 = e3.getEq6().getLevelAsInt();
            return 1 === t3 && 1 === o2 || 0 === t3 && 1 === o2 ? [e3.deriveNextLower(3)] : 1 === t3 && 0 === o2 ? [e3.deriveNextLower(6)] : 0 === t3 && 0 === o2 ? [e3.deriveNextLower(3), e3.deriveNextLower(6)] : [e3.deriveNextLower(3).deriveNextLower(6)];
          }
          lookupScoresForNextLowerMacro(e3) {
            let t3 = NaN, o2 = NaN;
            return e3.length > 0 && null != e3[0] && (t3 = e3[0].getLookupTableScore()), e3.length > 1 && null != e3[1] && (o2 = e3[1].getLookupTableScore()), isNaN(t3) || isNaN(o2) ? isNaN(t3) ? o2 : t3 : Math.max(t3, o2);
          }
          lookupMacroVectorDepth(e3) {
            return e3.getJointEq3AndEq6().getVectorDepth();
          }
        }
        t2.EqOperations36 = r, r.instance = new r();
      }, 951: (e2, t2) => {
        var o;
        Object.defineProperty(t2, "__esModule", { value: true }), t2.Cvss3P1Components = void 0;
        class a {
        }
        t2.Cvss3P1Components = a, o = a, a.CONFIDENTIALITY_IMPACT_VALUES = { X: { shortName: "X", value: 0, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, N: { shortName: "N", value: 0, name: "None", jsonSchemaName: "NONE", description: "There is no loss of confidentiality within the impacted component." }, L: { shortName: "L", value: 0.22, name: "Low", jsonSchemaName: "LOW", description: "There is some loss of confidentiality. Access to some restricted information is obtained, but the attacker does not have control over what information is obtained, or the amount or kind of loss is limited. The information disclosure does not cause a direct, serious loss to the impacted component." }, H: { shortName: "H", value: 0.56, name: "High", jsonSchemaName: "HIGH", description: "There is a total loss of confidentiality, resulting in all resources within the impacted component being divulged to the attacker. Alternatively, access to only some restricted information is obtained, but the disclosed information presents a direct, serious impact. For example, an attacker steals the administrator's password, or private encryption keys of a web server." } }, a.CONFIDENTIALITY_IMPACT = [o.CONFIDENTIALITY_IMPACT_VALUES.X, o.CONFIDENTIALITY_IMPACT_VALUES.N, o.CONFIDENTIALITY_IMPACT_VALUES.L, o.CONFIDENTIALITY_IMPACT_VALUES.H], a.INTEGRITY_IMPACT_VALUES = { X: { shortName: "X", value: 0, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, N: { shortName: "N", value: 0, name: "None", jsonSchemaName: "NONE", description: "There is no loss of integrity within the impacted component." }, L: { shortName: "L", value: 0.22, name: "Low", jsonSchemaName: "LOW", description: "Modification of data is possible, but the attacker does not have control over the consequence of a modification, or the amount of modification is limited. The data modification does not have a direct, serious impact on the impacted component." }, H: { shortName: "H", value: 0.56, name: "High", jsonSchemaName: "HIGH", description: "There is a total loss of integrity, or a complete loss of protection. For example, the attacker is able to modify any/all files protected by the impacted component. Alternatively, only some files can be modified, but malicious modification would present a direct, serious consequence to the impacted component." } }, a.INTEGRITY_IMPACT = [o.INTEGRITY_IMPACT_VALUES.X, o.INTEGRITY_IMPACT_VALUES.N, o.INTEGRITY_IMPACT_VALUES.L, o.INTEGRITY_IMPACT_VALUES.H], a.AVAILABILITY_IMPACT_VALUES = { X: { shortName: "X", value: 0, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, N: { shortName: "N", value: 0, name: "None", jsonSchemaName: "NONE", description: "There is no impact to availability within the impacted component." }, L: { shortName: "L", value: 0.22, name: "Low", jsonSchemaName: "LOW", description: "Performance is reduced or there are interruptions in resource availability. Even if repeated exploitation of the vulnerability is possible, the attacker does not have the ability to completely deny service to legitimate users. The resources in the impacted component are either partially available all of the time, or fully available only some of the time, but overall there is no direct, serious consequence to the impacted component." }, H: { shortName: "H", value: 0.56, name: "High", jsonSchemaName: "HIGH", description: "There is a total loss of availability, resulting in the attacker being able to fully deny access to resources in the impacted component; this loss is either sustained (while the attacker continues to deliver the attack) or persistent (the condition persists even after the attack has completed). Alternatively, the attacker has the ability to deny some availability, but the loss of availability presents a direct, serious consequence to the impacted component (e.g., the attacker cannot disrupt existing connections, but can prevent new connections; the attacker can repeatedly exploit a vulnerability that, in each instance of a successful attack, leaks a only small amount of memory, but after repeated exploitation causes a service to become completely unavailable)." } }, a.AVAILABILITY_IMPACT = [o.AVAILABILITY_IMPACT_VALUES.X, o.AVAILABILITY_IMPACT_VALUES.N, o.AVAILABILITY_IMPACT_VALUES.L, o.AVAILABILITY_IMPACT_VALUES.H], a.CONFIDENTIALITY_REQUIREMENT_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value indicates there is insufficient information to choose one of the other values, and has no impact on the overall Environmental Score, i.e., it has the same effect on scoring as assigning Medium." }, L: { shortName: "L", value: 0.5, name: "Low", jsonSchemaName: "LOW", description: "Loss of Confidentiality is likely to have only a limited adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, M: { shortName: "M", value: 1, name: "Medium", jsonSchemaName: "MEDIUM", description: "Loss of Confidentiality is likely to have a serious adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, H: { shortName: "H", value: 1.5, name: "High", jsonSchemaName: "HIGH", description: "Loss of Confidentiality is likely to have a catastrophic adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." } }, a.CONFIDENTIALITY_REQUIREMENT = [o.CONFIDENTIALITY_REQUIREMENT_VALUES.X, o.CONFIDENTIALITY_REQUIREMENT_VALUES.L, o.CONFIDENTIALITY_REQUIREMENT_VALUES.M, o.CONFIDENTIALITY_REQUIREMENT_VALUES.H], a.INTEGRITY_REQUIREMENT_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value indicates there is insufficient information to choose one of the other values, and has no impact on the overall Environmental Score, i.e., it has the same effect on scoring as assigning Medium." }, L: { shortName: "L", value: 0.5, name: "Low", jsonSchemaName: "LOW", description: "Loss of Integrity is likely to have only a limited adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, M: { shortName: "M", value: 1, name: "Medium", jsonSchemaName: "MEDIUM", description: "Loss of Integrity is likely to have a serious adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, H: { shortName: "H", value: 1.5, name: "High", jsonSchemaName: "HIGH", description: "Loss of Integrity is likely to have a catastrophic adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." } }, a.INTEGRITY_REQUIREMENT = [o.INTEGRITY_REQUIREMENT_VALUES.X, o.INTEGRITY_REQUIREMENT_VALUES.L, o.INTEGRITY_REQUIREMENT_VALUES.M, o.INTEGRITY_REQUIREMENT_VALUES.H], a.AVAILABILITY_REQUIREMENT_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Assigning this value indicates there is insufficient information to choose one of the other values, and has no impact on the overall Environmental Score, i.e., it has the same effect on scoring as assigning Medium." }, L: { shortName: "L", value: 0.5, name: "Low", jsonSchemaName: "LOW", description: "Loss of Availability is likely to have only a limited adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, M: { shortName: "M", value: 1, name: "Medium", jsonSchemaName: "MEDIUM", description: "Loss of Availability is likely to have a serious adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." }, H: { shortName: "H", value: 1.5, name: "High", jsonSchemaName: "HIGH", description: "Loss of Availability is likely to have a catastrophic adverse effect on the organization or individuals associated with the organization (e.g., employees, customers)." } }, a.AVAILABILITY_REQUIREMENT = [o.AVAILABILITY_REQUIREMENT_VALUES.X, o.AVAILABILITY_REQUIREMENT_VALUES.L, o.AVAILABILITY_REQUIREMENT_VALUES.M, o.AVAILABILITY_REQUIREMENT_VALUES.H], a.TEMPLATE_CIA_REQUIREMENT_MODIFIED_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, L: { shortName: "L", value: 0.5, name: "Low", jsonSchemaName: "LOW", description: "There is no impact to the integrity of the system." }, M: { shortName: "M", value: 1, name: "Medium", jsonSchemaName: "MEDIUM", description: "There is a partial compromise of system integrity." }, H: { shortName: "H", value: 1.5, name: "High", jsonSchemaName: "HIGH", description: "There is a total compromise of system integrity." } }, a.TEMPLATE_CIA_REQUIREMENT_MODIFIED = [o.TEMPLATE_CIA_REQUIREMENT_MODIFIED_VALUES.X, o.TEMPLATE_CIA_REQUIREMENT_MODIFIED_VALUES.L, o.TEMPLATE_CIA_REQUIREMENT_MODIFIED_VALUES.M, o.TEMPLATE_CIA_REQUIREMENT_MODIFIED_VALUES.H], a.BASE_CATEGORY = { name: "base", description: "This metric reflects the qualities of a vulnerability that are constant over time and across user environments." }, a.AV_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, N: { shortName: "N", value: 0.85, name: "Network", abbreviatedName: "Netw.", jsonSchemaName: "NETWORK", description: "The vulnerable component is bound to the network stack and the set of possible attackers extends beyond the other options listed below, up to and including the entire Internet." }, A: { shortName: "A", value: 0.62, name: "Adjacent Network", abbreviatedName: "Adj. Network", jsonSchemaName: "ADJACENT_NETWORK", description: "The vulnerable component is bound to the network stack, but the attack is limited at the protocol level to a logically adjacent topology." }, L: { shortName: "L", value: 0.55, name: "Local", jsonSchemaName: "LOCAL", description: "The vulnerable component is not bound to the network stack and the attacker's path is via read/write/execute capabilities." }, P: { shortName: "P", value: 0.2, name: "Physical", abbreviatedName: "Phys.", jsonSchemaName: "PHYSICAL", description: "The attack requires the attacker to physically touch or manipulate the vulnerable component." } }, a.AV = { name: "Attack Vector", shortName: "AV", subCategory: "Exploitability Metrics", description: "This metric reflects the context by which vulnerability exploitation is possible. The more remote an attacker can be to attack a host, the greater the vulnerability score.", values: [o.AV_VALUES.X, o.AV_VALUES.N, o.AV_VALUES.A, o.AV_VALUES.L, o.AV_VALUES.P] }, a.AC_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, L: { shortName: "L", value: 0.77, name: "Low", jsonSchemaName: "LOW", description: "Specialized access conditions or extenuating circumstances do not exist. An attacker can expect repeatable success when attacking the vulnerable component." }, H: { shortName: "H", value: 0.44, name: "High", jsonSchemaName: "HIGH", description: "A successful attack depends on conditions beyond the attacker's control. That is, a successful attack cannot be accomplished at will, but requires the attacker to invest in some measurable amount of effort in preparation or execution against the vulnerable component before a successful attack can be expected." } }, a.AC = { name: "Attack Complexity", shortName: "AC", subCategory: "Exploitability Metrics", description: "This metric describes the conditions beyond the attacker's control that must exist in order to exploit the vulnerability.", values: [o.AC_VALUES.X, o.AC_VALUES.L, o.AC_VALUES.H] }, a.PR_VALUES = { X: { shortName: "X", value: 1, changedValue: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, N: { shortName: "N", value: 0.85, changedValue: 0.85, name: "None", jsonSchemaName: "NONE", description: "The attacker is unauthorized prior to attack, and therefore does not require any access to settings or files of the vulnerable system to carry out an attack." }, L: { shortName: "L", value: 0.62, changedValue: 0.68, name: "Low", jsonSchemaName: "LOW", description: "The attacker requires privileges that provide basic user capabilities that could normally affect only settings and files owned by a user. Alternatively, an attacker with Low privileges has the ability to access only non-sensitive resources." }, H: { shortName: "H", value: 0.27, changedValue: 0.5, name: "High", jsonSchemaName: "HIGH", description: "The attacker requires privileges that provide significant (e.g., administrative) control over the vulnerable component allowing access to component-wide settings and files." } }, a.PR = { name: "Privileges Required", shortName: "PR", subCategory: "Exploitability Metrics", description: "This metric describes the level of privileges an attacker must possess before successfully exploiting the vulnerability.", values: [o.PR_VALUES.X, o.PR_VALUES.N, o.PR_VALUES.L, o.PR_VALUES.H] }, a.UI_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, N: { shortName: "N", value: 0.85, name: "None", jsonSchemaName: "NONE", description: "The vulnerable system can be exploited without interaction from any user." }, R: { shortName: "R", value: 0.62, name: "Required", abbreviatedName: "Req.", jsonSchemaName: "REQUIRED", description: "Successful exploitation of this vulnerability requires a user to take some action before the vulnerability can be exploited. For example, a successful exploit may only be possible during the installation of an application by a system administrator." } }, a.UI = { name: "User Interaction", shortName: "UI", subCategory: "Exploitability Metrics", description: "This metric captures the requirement for a user, other than the attacker, to participate in the successful compromise of the vulnerable component.", values: [o.UI_VALUES.X, o.UI_VALUES.N, o.UI_VALUES.R] }, a.S_VALUES = { X: { shortName: "X", value: false, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, U: { shortName: "U", value: false, name: "Unchanged", abbreviatedName: "Unchang.", jsonSchemaName: "UNCHANGED", description: "An exploited vulnerability can only affect resources managed by the same authority." }, C: { shortName: "C", value: true, name: "Changed", jsonSchemaName: "CHANGED", description: "An exploited vulnerability can affect resources beyond the authorization privileges intended by the vulnerable system's design." } }, a.S = { name: "Scope", shortName: "S", subCategory: "Exploitability Metrics", description: "Can an exploit of the vulnerability be accomplished remotely?", values: [o.S_VALUES.X, o.S_VALUES.U, o.S_VALUES.C] }, a.C = { name: "Confidentiality Impact", shortName: "C", subCategory: "Impact Metrics", description: "This metric measures the impact to the confidentiality of the information resources managed by a software component due to a successfully exploited vulnerability.", values: o.CONFIDENTIALITY_IMPACT }, a.I = { name: "Integrity Impact", shortName: "I", subCategory: "Impact Metrics", description: "This metric measures the impact to integrity of a successfully exploited vulnerability.", values: o.INTEGRITY_IMPACT }, a.A = { name: "Availability Impact", shortName: "A", subCategory: "Impact Metrics", description: "This metric measures the impact to the availability of the impacted component resulting from a successfully exploited vulnerability.", values: o.AVAILABILITY_IMPACT }, a.BASE_CATEGORY_VALUES = [o.AV, o.AC, o.PR, o.UI, o.S, o.C, o.I, o.A], a.TEMPORAL_CATEGORY = { name: "temporal", description: "This metric reflects the current state of exploit techniques or code availability." }, a.E_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, U: { shortName: "U", value: 0.91, name: "Unproven", abbreviatedName: "Unproven", description: "No exploit code is available, or an exploit is theoretical." }, P: { shortName: "P", value: 0.94, name: "Proof-of-Concept", abbreviatedName: "Proof-of-conc.", jsonSchemaName: "PROOF_OF_CONCEPT", description: "Proof-of-concept exploit code is available, or an attack demonstration is not practical for most systems. The code or technique is not functional in all situations and may require substantial modification by a skilled attacker." }, F: { shortName: "F", value: 0.97, name: "Functional", jsonSchemaName: "FUNCTIONAL", description: "Functional exploit code is available. The code works in most situations where the vulnerability exists." }, H: { shortName: "H", value: 1, name: "High", jsonSchemaName: "HIGH", description: "Functional exploit code is available. The code is widespread and automated and works in all situations where the vulnerability exists." } }, a.E = { name: "Exploit Code Maturity", shortName: "E", description: "This metric measures the likelihood of the vulnerability being attacked, and is typically based on the current state of exploit techniques, exploit code availability, or active, successful exploitation of the vulnerability.", values: [o.E_VALUES.X, o.E_VALUES.U, o.E_VALUES.P, o.E_VALUES.F, o.E_VALUES.H] }, a.RL_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, O: { shortName: "O", value: 0.95, name: "Official Fix", abbreviatedName: "Off. Fix", jsonSchemaName: "OFFICIAL_FIX", description: "A complete vendor solution is available. Either the vendor has issued an official patch, or an upgrade is available." }, T: { shortName: "T", value: 0.96, name: "Temporary Fix", abbreviatedName: "Temp. Fix", jsonSchemaName: "TEMPORARY_FIX", description: "There is an official but temporary fix available. This includes instances where the vendor issues a temporary hotfix, tool, or workaround." }, W: { shortName: "W", value: 0.97, name: "Workaround", jsonSchemaName: "WORKAROUND", description: "There is an unofficial, non-vendor solution available. In some cases, users of the affected technology will create a patch of their own or provide steps to work around or otherwise mitigate the vulnerability." }, U: { shortName: "U", value: 1, name: "Unavailable", jsonSchemaName: "UNAVAILABLE", description: "There is either no solution available or it is impossible to apply." } }, a.RL = { name: "Remediation Level", shortName: "RL", description: "This metric describes the remediation level for a vulnerability in an affected resource.", values: [o.RL_VALUES.X, o.RL_VALUES.O, o.RL_VALUES.T, o.RL_VALUES.W, o.RL_VALUES.U] }, a.RC_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, U: { shortName: "U", value: 0.92, name: "Unknown", description: "Report confidence is unknown." }, R: { shortName: "R", value: 0.96, name: "Reasonable", jsonSchemaName: "REASONABLE", description: "Reasonable confidence exists, or the reported vulnerability is in a component not typically used by a target or not having a large installed base." }, C: { shortName: "C", value: 1, name: "Confirmed", jsonSchemaName: "CONFIRMED", description: "Confirmed confidence exists, or the exploit is functional in the environment where the vulnerability exists." } }, a.RC = { name: "Report Confidence", shortName: "RC", description: "This metric describes the level of confidence in the existence of the vulnerability and the credibility of the known technical details.", values: [o.RC_VALUES.X, o.RC_VALUES.U, o.RC_VALUES.R, o.RC_VALUES.C] }, a.TEMPORAL_CATEGORY_VALUES = [o.E, o.RL, o.RC], a.ENVIRONMENTAL_CATEGORY = { name: "environmental", description: "This metric reflects the characteristics of a vulnerability that are relevant and unique to a particular user's environment. This metric can greatly improve the accuracy of a score." }, a.MAV_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, N: { shortName: "N", value: 0.85, name: "Network", abbreviatedName: "Netw.", jsonSchemaName: "NETWORK", description: "The vulnerable component is bound to the network stack and the set of possible attackers extends beyond the other options listed below, up to and including the entire Internet." }, A: { shortName: "A", value: 0.62, name: "Adjacent Network", abbreviatedName: "Adj. Network", jsonSchemaName: "ADJACENT_NETWORK", description: "The vulnerable component is bound to the network stack, but the attack is limited at the protocol level to a logically adjacent topology." }, L: { shortName: "L", value: 0.55, name: "Local", jsonSchemaName: "LOCAL", description: "The vulnerable component is not bound to the network stack and the attacker's path is via read/write/execute capabilities." }, P: { shortName: "P", value: 0.2, name: "Physical", abbreviatedName: "Phys.", jsonSchemaName: "PHYSICAL", description: "The attack requires the attacker to physically touch or manipulate the vulnerable component." } }, a.MAV = { name: "Modified Attack Vector", shortName: "MAV", subCategory: "Exploitability Metrics", description: "This metric reflects the context by which vulnerability exploitation is possible. The more remote an attacker can be to attack a host, the greater the vulnerability score.", baseMetricEquivalent: o.AV, values: [o.MAV_VALUES.X, o.MAV_VALUES.N, o.MAV_VALUES.A, o.MAV_VALUES.L, o.MAV_VALUES.P] }, a.MAC_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, L: { shortName: "L", value: 0.77, name: "Low", jsonSchemaName: "LOW", description: "Specialized access conditions or extenuating circumstances do not exist. An attacker can expect repeatable success when attacking the vulnerable component." }, H: { shortName: "H", value: 0.44, name: "High", jsonSchemaName: "HIGH", description: "A successful attack depends on conditions beyond the attacker's control. That is, a successful attack cannot be accomplished at will, but requires the attacker to invest in some measurable amount of effort in preparation or execution against the vulnerable component before a successful attack can be expected." } }, a.MAC = { name: "Modified Attack Complexity", shortName: "MAC", subCategory: "Exploitability Metrics", description: "This metric describes the conditions beyond the attacker's control that must exist in order to exploit the vulnerability.", baseMetricEquivalent: o.AC, values: [o.MAC_VALUES.X, o.MAC_VALUES.L, o.MAC_VALUES.H] }, a.MPR_VALUES = { X: { shortName: "X", value: 1, changedValue: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, N: { shortName: "N", value: 0.85, changedValue: 0.85, name: "None", jsonSchemaName: "NONE", description: "The attacker is unauthorized prior to attack, and therefore does not require any access to settings or files of the vulnerable system to carry out an attack." }, L: { shortName: "L", value: 0.62, changedValue: 0.68, name: "Low", jsonSchemaName: "LOW", description: "The attacker requires privileges that provide basic user capabilities that could normally affect only settings and files owned by a user. Alternatively, an attacker with Low privileges has the ability to access only non-sensitive resources." }, H: { shortName: "H", value: 0.27, changedValue: 0.5, name: "High", jsonSchemaName: "HIGH", description: "The attacker requires privileges that provide significant (e.g., administrative) control over the vulnerable component allowing access to component-wide settings and files." } }, a.MPR = { name: "Modified Privileges Required", shortName: "MPR", subCategory: "Exploitability Metrics", description: "This metric describes the level of privileges an attacker must possess before successfully exploiting the vulnerability.", baseMetricEquivalent: o.PR, values: [o.MPR_VALUES.X, o.MPR_VALUES.N, o.MPR_VALUES.L, o.MPR_VALUES.H] }, a.MUI_VALUES = { X: { shortName: "X", value: 1, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, N: { shortName: "N", value: 0.85, name: "None", jsonSchemaName: "NONE", description: "The vulnerable system can be exploited without interaction from any user." }, R: { shortName: "R", value: 0.62, name: "Required", jsonSchemaName: "REQUIRED", description: "Successful exploitation of this vulnerability requires a user to take some action before the vulnerability can be exploited. For example, a successful exploit may only be possible during the installation of an application by a system administrator." } }, a.MUI = { name: "Modified User Interaction", shortName: "MUI", subCategory: "Exploitability Metrics", description: "This metric captures the requirement for a user, other than the attacker, to participate in the successful compromise of the vulnerable component.", baseMetricEquivalent: o.UI, values: [o.MUI_VALUES.X, o.MUI_VALUES.N, o.MUI_VALUES.R] }, a.MS_VALUES = { X: { shortName: "X", value: false, name: "Not Defined", abbreviatedName: "Not Def.", jsonSchemaName: "NOT_DEFINED", description: "Component is not defined." }, U: { shortName: "U", value: false, name: "Unchanged", abbreviatedName: "Unchang.", jsonSchemaName: "UNCHANGED", description: "An exploited vulnerability can only affect resources managed by the same authority." }, C: { shortName: "C", value: true, name: "Changed", jsonSchemaName: "CHANGED", description: "An exploited vulnerability can affect resources beyond the authorization privileges intended by the vulnerable system's design." } }, a.MS = { name: "Modified Scope", shortName: "MS", subCategory: "Exploitability Metrics", description: "Can an exploit of the vulnerability be accomplished remotely?", baseMetricEquivalent: o.S, values: [o.MS_VALUES.X, o.MS_VALUES.U, o.MS_VALUES.C] }, a.MC = { name: "Confidentiality Impact", shortName: "MC", subCategory: "Modified Impact", description: "This metric measures the impact to the confidentiality of the information resources managed by a software component due to a successfully exploited vulnerability.", baseMetricEquivalent: o.C, values: o.CONFIDENTIALITY_IMPACT }, a.MI = { name: "Integrity Impact", shortName: "MI", subCategory: "Modified Impact", description: "This metric measures the impact to integrity of a successfully exploited vulnerability.", baseMetricEquivalent: o.I, values: o.INTEGRITY_IMPACT }, a.MA = { name: "Availability Impact", shortName: "MA", subCategory: "Modified Impact", description: "This metric measures the impact to the availability of the impacted component resulting from a successfully exploited vulnerability.", baseMetricEquivalent: o.A, values: o.AVAILABILITY_IMPACT }, a.CR = { name: "Confidentiality Requirement", shortName: "CR", subCategory: "Modified Requirement (Impact Subscore) Modifiers", description: "This metric describes the remediation level for a vulnerability in an affected resource.", values: o.CONFIDENTIALITY_REQUIREMENT }, a.IR = { name: "Integrity Requirement", shortName: "IR", subCategory: "Modified Requirement (Impact Subscore) Modifiers", description: "This metric describes the remediation level for a vulnerability in an affected resource.", values: o.INTEGRITY_REQUIREMENT }, a.AR = { name: "Availability Requirement", shortName: "AR", subCategory: "Modified Requirement (Impact Subscore) Modifiers", description: "This metric describes the remediation level for a vulnerability in an affected resource.", values: o.AVAILABILITY_REQUIREMENT }, a.ENVIRONMENTAL_CATEGORY_VALUES = [o.CR, o.IR, o.AR, o.MAV, o.MAC, o.MPR, o.MUI, o.MS, o.MC, o.MI, o.MA], a.REGISTERED_COMPONENTS = /* @__PURE__ */ new Map(), o.REGISTERED_COMPONENTS.set(o.BASE_CATEGORY, o.BASE_CATEGORY_VALUES), o.REGISTERED_COMPONENTS.set(o.TEMPORAL_CATEGORY, o.TEMPORAL_CATEGORY_VALUES), o.REGISTERED_COMPONENTS.set(o.ENVIRONMENTAL_CATEGORY, o.ENVIRONMENTAL_CATEGORY_VALUES), a.ATTRIBUTE_SEVERITY_ORDER = [[o.S_VALUES.U, o.MS_VALUES.U], [o.CONFIDENTIALITY_IMPACT_VALUES.N, o.INTEGRITY_IMPACT_VALUES.N, o.AVAILABILITY_IMPACT_VALUES.N], [o.AV_VALUES.P, o.MAV_VALUES.P], [o.CONFIDENTIALITY_IMPACT_VALUES.L, o.INTEGRITY_IMPACT_VALUES.L, o.AVAILABILITY_IMPACT_VALUES.L], [o.PR_VALUES.H, o.MPR_VALUES.H], [o.AC_VALUES.H, o.MAC_VALUES.H], [o.CONFIDENTIALITY_REQUIREMENT_VALUES.L, o.INTEGRITY_REQUIREMENT_VALUES.L, o.AVAILABILITY_REQUIREMENT_VALUES.L], [o.AV_VALUES.L, o.MAV_VALUES.L], [o.CONFIDENTIALITY_IMPACT_VALUES.H, o.INTEGRITY_IMPACT_VALUES.H, o.AVAILABILITY_IMPACT_VALUES.H], [o.AV_VALUES.A, o.MAV_VALUES.A], [o.UI_VALUES.R, o.MUI_VALUES.R], [o.PR_VALUES.L, o.MPR_VALUES.L], [o.AC_VALUES.L, o.MAC_VALUES.L], [o.AV_VALUES.N, o.MAV_VALUES.N], [o.PR_VALUES.N, o.MPR_VALUES.N], [o.UI_VALUES.N, o.MUI_VALUES.N], [o.E_VALUES.U], [o.E_VALUES.P], [o.E_VALUES.F], [o.E_VALUES.H], [o.E_VALUES.X], [o.RC_VALUES.U], [o.RL_VALUES.O], [o.RL_VALUES.T], [o.RC_VALUES.R], [o.RL_VALUES.W], [o.AV_VALUES.X, o.MAV_VALUES.X], [o.AC_VALUES.X, o.MAC_VALUES.X], [o.PR_VALUES.X, o.MPR_VALUES.X], [o.UI_VALUES.X, o.MUI_VALUES.X], [o.S_VALUES.C, o.MS_VALUES.C], [o.S_VALUES.X, o.MS_VALUES.X], [o.CONFIDENTIALITY_IMPACT_VALUES.X], [o.INTEGRITY_IMPACT_VALUES.X], [o.AVAILABILITY_IMPACT_VALUES.X], [o.RL_VALUES.U], [o.RL_VALUES.X], [o.RC_VALUES.C], [o.RC_VALUES.X], [o.CONFIDENTIALITY_REQUIREMENT_VALUES.M, o.INTEGRITY_REQUIREMENT_VALUES.M, o.AVAILABILITY_REQUIREMENT_VALUES.M], [o.CONFIDENTIALITY_REQUIREMENT_VALUES.X, o.INTEGRITY_REQUIREMENT_VALUES.X, o.AVAILABILITY_REQUIREMENT_VALUES.X], [o.CONFIDENTIALITY_REQUIREMENT_VALUES.H, o.INTEGRITY_REQUIREMENT_VALUES.H, o.AVAILABILITY_REQUIREMENT_VALUES.H]];
      }, 972: (e2, t2, o) => {
        var a;
        Object.defineProperty(t2, "__esModule", { value: true }), t2.Cvss4P0MacroVector = void 0;
        const i = o(730), s = o(759);
        class n {
          constructor(e3, t3, o2, a2, i2, s2, n2) {
            this.eq1 = e3, this.eq2 = t3, this.eq3 = o2, this.eq4 = a2, this.eq5 = i2, this.eq6 = s2, this.jointEq3AndEq6 = n2;
          }
          static fromVector(e3) {
            const t3 = a.findMatchingEQ("1", a.EQ1_DEFINITIONS, e3), o2 = a.findMatchingEQ("2", a.EQ2_DEFINITIONS, e3), i2 = a.findMatchingEQ("3", a.EQ3_DEFINITIONS, e3), s2 = a.findMatchingEQ("4", a.EQ4_DEFINITIONS, e3), n2 = a.findMatchingEQ("5", a.EQ5_DEFINITIONS, e3), r = a.findMatchingEQ("6", a.EQ6_DEFINITIONS, e3), c = a.findMatchingEQ("3,6", a.JOINT_EQ3_EQ6_DEFINITIONS, e3);
            return new a(t3, o2, i2, s2, n2, r, c);
          }
          static findMatchingEQ(e3, t3, o2) {
            for (let e4 of t3) if (e4.matchesConstraints(o2)) return e4;
            throw new Error("No matching EQ found for " + e3 + " and vector " + o2);
          }
          getEq1() {
            return this.eq1;
          }
          getEq2() {
            return this.eq2;
          }
          getEq3() {
            return this.eq3;
          }
          getEq4() {
            return this.eq4;
          }
          getEq5() {
            return this.eq5;
          }
          getEq6() {
            return this.eq6;
          }
          getJointEq3AndEq6() {
            return this.jointEq3AndEq6;
          }
          getEQ(e3) {
            switch (e3) {
              case 1:
                return this.eq1;
              case 2:
                return this.eq2;
              case 3:
                return this.eq3;
              case 4:
                return this.eq4;
              case 5:
                return this.eq5;
              case 6:
                return this.eq6;
              case 7:
                return this.jointEq3AndEq6;
              default:
                throw new Error("Invalid EQ index: " + e3);
            }
          }
          getLookupTableScore() {
            return a.getMacroVectorScore(this);
          }
          static getMacroVectorScore(e3) {
            const t3 = e3.toString(), o2 = s.Cvss4P0Components.MV_LOOKUP[t3];
            return void 0 === o2 ? NaN : o2;
          }
          toString() {
            return this.eq1.getLevel() + this.eq2.getLevel() + this.eq3.getLevel() + this.eq4.getLevel() + this.eq5.getLevel() + this.eq6.getLevel();
          }
          deriveNextLower(e3) {
            const t3 = 1 !== e3 ? this.eq1 : this.getNextLower(a.EQ1_DEFINITIONS, this.eq1), o2 = 2 !== e3 ? this.eq2 : this.getNextLower(a.EQ2_DEFINITIONS, this.eq2), i2 = 3 !== e3 ? this.eq3 : this.getNextLower(a.EQ3_DEFINITIONS, this.eq3), s2 = 4 !== e3 ? this.eq4 : this.getNextLower(a.EQ4_DEFINITIONS, this.eq4), n2 = 5 !== e3 ? this.eq5 : this.getNextLower(a.EQ5_DEFINITIONS, this.eq5), r = 6 !== e3 ? this.eq6 : this.getNextLower(a.EQ6_DEFINITIONS, this.eq6), c = 7 !== e3 ? this.jointEq3AndEq6 : this.getNextLower(a.JOINT_EQ3_EQ6_DEFINITIONS, this.jointEq3AndEq6);
            return new a(t3, o2, i2, s2, n2, r, c);
          }
          static getIndexInDefinitions(e3, t3) {
            for (let o2 = 0; o2 < e3.length; o2++) if (e3[o2] === t3) return o2;
            throw new Error("EQ not found in definitions: " + t3);
          }
          getNextLower(e3, t3) {
            const o2 = a.getIndexInDefinitions(e3, t3);
            return e3.length > o2 + 1 ? e3[o2 + 1] : a.EQ_ERROR_DEFINITION;
          }
          static is(e3, t3, o2) {
            return o2 === a.getComparisonMetric(e3, t3).shortName;
          }
          static getComparisonMetricComponent(e3, t3) {
            return a.getComparisonMetric(e3, t3.shortName);
          }
          static getComparisonMetric(e3, t3) {
            const o2 = e3.getComponentByString(t3);
            if ("E" === t3 && s.Cvss4P0Components.E_VALUES.X === o2) return s.Cvss4P0Components.E_VALUES.A;
            if ("CR" === t3 && s.Cvss4P0Components.REQUIREMENT_CONFIDENTIALITY_MODIFIED_VALUES.X === o2) return s.Cvss4P0Components.REQUIREMENT_CONFIDENTIALITY_MODIFIED_VALUES.H;
            if ("IR" === t3 && s.Cvss4P0Components.REQUIREMENT_INTEGRITY_MODIFIED_VALUES.X === o2) return s.Cvss4P0Components.REQUIREMENT_INTEGRITY_MODIFIED_VALUES.H;
            if ("AR" === t3 && s.Cvss4P0Components.REQUIREMENT_AVAILABILITY_MODIFIED_VALUES.X === o2) return s.Cvss4P0Components.REQUIREMENT_AVAILABILITY_MODIFIED_VALUES.H;
            if ("MSI" === t3 && s.Cvss4P0Components.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED_VALUES.X === o2 && "S" === e3.getComponentByString("SI").shortName) return s.Cvss4P0Components.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED_VALUES.H;
            if ("MSA" === t3 && s.Cvss4P0Components.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED_VALUES.X === o2 && "S" === e3.getComponentByString("SA").shortName) return s.Cvss4P0Components.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED_VALUES.H;
            try {
              const o3 = e3.getComponentByString((t3.startsWith("M") ? "" : "M") + t3), a2 = o3.shortName;
              if (null != a2 && "X" !== a2) return o3;
            } catch (e4) {
            }
            return o2;
          }
        }
        t2.Cvss4P0MacroVector = n, a = n, n.EQ_ERROR_DEFINITION = new i.EQ("9", -1, [], (() => true)), n.EQ1_DEFINITIONS = [new i.EQ("0", 1, ["AV:N/PR:N/UI:N"], ((e3) => a.is(e3, "AV", "N") && a.is(e3, "PR", "N") && a.is(e3, "UI", "N"))), new i.EQ("1", 4, ["AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"], ((e3) => (a.is(e3, "AV", "N") || a.is(e3, "PR", "N") || a.is(e3, "UI", "N")) && !(a.is(e3, "AV", "N") && a.is(e3, "PR", "N") && a.is(e3, "UI", "N")) && !a.is(e3, "AV", "P"))), new i.EQ("2", 5, ["AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"], ((e3) => a.is(e3, "AV", "P") || !(a.is(e3, "AV", "N") || a.is(e3, "PR", "N") || a.is(e3, "UI", "N"))))], n.EQ2_DEFINITIONS = [new i.EQ("0", 1, ["AC:L/AT:N"], ((e3) => a.is(e3, "AC", "L") && a.is(e3, "AT", "N"))), new i.EQ("1", 2, ["AC:H/AT:N", "AC:L/AT:P"], ((e3) => !(a.is(e3, "AC", "L") && a.is(e3, "AT", "N"))))], n.EQ3_DEFINITIONS = [new i.EQ("0", -1, ["VC:H/VI:H/VA:H"], ((e3) => a.is(e3, "VC", "H") && a.is(e3, "VI", "H"))), new i.EQ("1", -1, ["VC:L/VI:H/VA:H", "VC:H/VI:L/VA:H"], ((e3) => !(a.is(e3, "VC", "H") && a.is(e3, "VI", "H")) && (a.is(e3, "VC", "H") || a.is(e3, "VI", "H") || a.is(e3, "VA", "H")))), new i.EQ("2", -1, ["VC:L/VI:L/VA:L"], ((e3) => !(a.is(e3, "VC", "H") || a.is(e3, "VI", "H") || a.is(e3, "VA", "H"))))], n.EQ4_DEFINITIONS = [new i.EQ("0", 6, ["SC:H/SI:S/SA:S"], ((e3) => a.is(e3, "MSI", "S") || a.is(e3, "MSA", "S"))), new i.EQ("1", 5, ["SC:H/SI:H/SA:H"], ((e3) => !(a.is(e3, "MSI", "S") && a.is(e3, "MSA", "S")) && (a.is(e3, "SC", "H") || a.is(e3, "SI", "H") || a.is(e3, "SA", "H")))), new i.EQ("2", 4, ["SC:L/SI:L/SA:L"], ((e3) => !(a.is(e3, "MSI", "S") && a.is(e3, "MSA", "S") || a.is(e3, "SC", "H") || a.is(e3, "SI", "H") || a.is(e3, "SA", "H"))))], n.EQ5_DEFINITIONS = [new i.EQ("0", 1, ["E:A"], ((e3) => a.is(e3, "E", "A"))), new i.EQ("1", 1, ["E:P"], ((e3) => a.is(e3, "E", "P"))), new i.EQ("2", 1, ["E:U"], ((e3) => a.is(e3, "E", "U")))], n.EQ6_DEFINITIONS = [new i.EQ("0", -1, ["AV:N/PR:N/UI:N"], ((e3) => a.is(e3, "CR", "H") && a.is(e3, "VC", "H") || a.is(e3, "IR", "H") && a.is(e3, "VI", "H") || a.is(e3, "AR", "H") && a.is(e3, "VA", "H"))), new i.EQ("1", -1, ["VC:H/VI:H/VA:H/CR:M/IR:M/AR:M", "VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M", "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M", "VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M", "VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"], ((e3) => !(a.is(e3, "CR", "H") && a.is(e3, "VC", "H") || a.is(e3, "IR", "H") && a.is(e3, "VI", "H") || a.is(e3, "AR", "H") && a.is(e3, "VA", "H"))))], n.JOINT_EQ3_EQ6_DEFINITIONS = [new i.EQ("00", 7, ["VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"], ((e3) => a.is(e3, "VC", "H") && a.is(e3, "VI", "H") && (a.is(e3, "CR", "H") || a.is(e3, "IR", "H") || a.is(e3, "AR", "H") && a.is(e3, "VA", "H")))), new i.EQ("01", 6, ["VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"], ((e3) => a.is(e3, "VC", "H") && a.is(e3, "VI", "H") && !(a.is(e3, "CR", "H") || a.is(e3, "IR", "H")) && !(a.is(e3, "AR", "H") && a.is(e3, "VA", "H")))), new i.EQ("10", 8, ["VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"], ((e3) => !(a.is(e3, "VC", "H") && a.is(e3, "VI", "H")) && (a.is(e3, "VC", "H") || a.is(e3, "VI", "H") || a.is(e3, "VA", "H")) && (a.is(e3, "CR", "H") && a.is(e3, "VC", "H") || a.is(e3, "IR", "H") && a.is(e3, "VI", "H") || a.is(e3, "AR", "H") && a.is(e3, "VA", "H")))), new i.EQ("11", 8, ["VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M", "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M", "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M"], ((e3) => !(a.is(e3, "VC", "H") && a.is(e3, "VI", "H")) && (a.is(e3, "VC", "H") || a.is(e3, "VI", "H") || a.is(e3, "VA", "H")) && !(a.is(e3, "CR", "H") && a.is(e3, "VC", "H")) && !(a.is(e3, "IR", "H") && a.is(e3, "VI", "H")) && !(a.is(e3, "AR", "H") && a.is(e3, "VA", "H")))), new i.EQ("20", 0, [], ((e3) => false)), new i.EQ("21", 10, ["VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"], ((e3) => !(a.is(e3, "VC", "H") || a.is(e3, "VI", "H") || a.is(e3, "VA", "H") || a.is(e3, "CR", "H") && a.is(e3, "VC", "H") || a.is(e3, "IR", "H") && a.is(e3, "VI", "H") || a.is(e3, "AR", "H") && a.is(e3, "VA", "H"))))];
      }, 987: (e2, t2, o) => {
        Object.defineProperty(t2, "__esModule", { value: true }), t2.Cvss4P0 = void 0;
        const a = o(154), i = o(972), s = o(904), n = o(759), r = o(730), c = o(951);
        class l extends a.CvssVector {
          constructor(e3) {
            super(e3), this.ROUNDING_EPSILON = Math.pow(10, -6);
          }
          getRegisteredComponents() {
            return n.Cvss4P0Components.REGISTERED_COMPONENTS_EDITOR_ORDER;
          }
          getVectorStringOrderProperties() {
            return n.Cvss4P0Components.REGISTERED_COMPONENTS_VECTOR_STRING_ORDER;
          }
          getVectorPrefix() {
            return "CVSS:4.0/";
          }
          getVectorName() {
            return "CVSS:4.0";
          }
          fillAverageVector() {
            this.applyVector("AV:A/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:L/SI:L/SA:L");
          }
          fillRandomBaseVector() {
            const e3 = n.Cvss4P0Components.BASE_CATEGORY_VALUES;
            for (let t3 = 0; t3 < e3.length; t3++) {
              const o2 = e3[t3], a2 = super.pickRandomDefinedComponentValue(o2);
              if (!a2) return console.warn("Failed to pick random vector component for", o2, ", filling average vector instead"), void this.fillAverageVector();
              this.applyComponent(o2, a2);
            }
          }
          calculateScoresInternal(e3 = false) {
            const t3 = this.isAnyEnvironmentalDefined(), o2 = this.isAnyThreatDefined(), a2 = this.calculateOverallScore();
            let i2, s2, r2;
            if (t3 || o2) {
              const e4 = this.clone();
              e4.clearSpecifiedComponents(n.Cvss4P0Components.THREAT_CATEGORY_VALUES), e4.clearSpecifiedComponents(n.Cvss4P0Components.ENVIRONMENTAL_MODIFIED_BASE_CATEGORY_VALUES), e4.clearSpecifiedComponents(n.Cvss4P0Components.ENVIRONMENTAL_SECURITY_REQUIREMENT_CATEGORY_VALUES), i2 = e4.calculateOverallScore();
            } else i2 = a2;
            if (t3) if (o2) {
              const e4 = this.clone();
              e4.clearSpecifiedComponents(n.Cvss4P0Components.THREAT_CATEGORY_VALUES), s2 = e4.calculateOverallScore();
            } else s2 = a2;
            if (o2) if (t3) {
              const e4 = this.clone();
              e4.clearSpecifiedComponents(n.Cvss4P0Components.ENVIRONMENTAL_MODIFIED_BASE_CATEGORY_VALUES), e4.clearSpecifiedComponents(n.Cvss4P0Components.ENVIRONMENTAL_SECURITY_REQUIREMENT_CATEGORY_VALUES), r2 = e4.calculateOverallScore();
            } else r2 = a2;
            return { normalized: e3, overall: a2, base: a2, baseMetricsOnly: i2, environmental: s2, threat: r2, vector: this.toString() };
          }
          toString(e3 = false, t3 = this.getVectorStringOrderProperties(), o2 = false) {
            return super.toString(e3, t3, o2);
          }
          calculateOverallScore() {
            if (!this.isBaseFullyDefined()) return 0;
            if (["VC", "VI", "VA", "SC", "SI", "SA"].map(((e4) => i.Cvss4P0MacroVector.getComparisonMetric(this, e4))).every(((e4) => "N" === e4.shortName))) return 0;
            const e3 = this.getMacroVector(), t3 = e3.getLookupTableScore(), o2 = (0, s.getEqImplementations)();
            (e3.getEq3().getLevel() + e3.getEq6().getLevel()).toLowerCase() !== e3.getJointEq3AndEq6().getLevel().toLowerCase() && console.warn(`CVSS 4.0: Joint Eq3 and Eq6 level [${e3.getJointEq3AndEq6().getLevel()}] does not match Eq3 [${e3.getEq3().getLevel()}] and Eq6 [${e3.getEq6().getLevel()}]`);
            const a2 = o2.map(((t4) => t4.getHighestSeverityVectors(e3))), n2 = this.generateCvssPermutations(a2[0], a2[1], a2[2], a2[3], a2[4]);
            if (0 === n2.length) return console.warn(`No max vectors found for ${e3}`), 0;
            const r2 = this.calculateSeverityDistancesByComparingToHighestSeverityVectors(n2), c2 = new m();
            for (const a3 of o2) {
              const o3 = a3.deriveNextLowerMacro(e3), i2 = t3 - a3.lookupScoresForNextLowerMacro(o3), s2 = a3.lookupMacroVectorDepth(e3), n3 = a3.getRelevantAttributes().map(((e4) => r2.get(e4) || 0)).reduce(((e4, t4) => e4 + t4), 0);
              if (!isNaN(i2) && 0 !== s2) {
                const e4 = n3 / s2 * i2;
                c2.add(e4);
              }
            }
            const l2 = t3 - c2.get(0);
            return l2 < 0 ? 0 : l2 > 10 ? 10 : this.roundToDecimalPlaces(l2);
          }
          roundToDecimalPlaces(e3) {
            return Math.round(10 * (e3 + this.ROUNDING_EPSILON)) / 10;
          }
          generateCvssPermutations(e3, t3, o2, a2, i2) {
            const s2 = [];
            return e3.forEach(((e4) => {
              t3.forEach(((t4) => {
                o2.forEach(((o3) => {
                  a2.forEach(((a3) => {
                    i2.forEach(((i3) => {
                      const n2 = `${e4}/${t4}/${o3}/${a3}/${i3}`;
                      s2.push(new l(n2));
                    }));
                  }));
                }));
              }));
            })), s2;
          }
          severityDistance(e3, t3, o2, a2) {
            const i2 = "X" === t3.shortName ? void 0 === e3.worseCaseValue ? t3 : e3.worseCaseValue : t3, s2 = "X" === a2.shortName ? void 0 === o2.worseCaseValue ? a2 : o2.worseCaseValue : a2;
            let n2, r2, c2, l2;
            if (e3 !== o2) {
              const t4 = e3.name.startsWith("Modified"), a3 = o2.name.startsWith("Modified");
              if (t4 && !a3) {
                const t5 = e3.values.find(((e4) => e4.shortName === s2.shortName));
                if (!t5) throw new Error("Cannot find modified value for " + s2);
                r2 = i2, l2 = t5, n2 = e3, c2 = e3;
              } else {
                if (t4 || !a3) return console.warn(`Cannot compute severity distance for [${i2}] and [${s2}], assuming distance is 0`), 0;
                {
                  const e4 = o2.values.find(((e5) => e5.shortName === i2.shortName));
                  if (!e4) throw new Error("Cannot find modified value for " + i2);
                  r2 = e4, l2 = s2, n2 = o2, c2 = o2;
                }
              }
            } else r2 = i2, l2 = s2, n2 = e3, c2 = o2;
            return n2.values.indexOf(r2) - c2.values.indexOf(l2);
          }
          severityDistanceBetweenComponents(e3, t3, o2, a2) {
            const i2 = e3.values.find(((e4) => e4.shortName === t3.shortName)), s2 = o2.values.find(((e4) => e4.shortName === a2.shortName));
            if (!i2) throw new Error(`Cannot find component values for ${e3.name} with short name ${t3.shortName} in ${e3.values.map(((e4) => e4.shortName)).join(", ")}`);
            if (!s2) throw new Error(`Cannot find component values for ${o2.name} with short name ${a2.shortName} in ${o2.values.map(((e4) => e4.shortName)).join(", ")}`);
            return e3.values.indexOf(i2) - o2.values.indexOf(s2);
          }
          severityDistanceToVector(e3) {
            let t3 = 0;
            return n.Cvss4P0Components.REGISTERED_COMPONENTS_EDITOR_ORDER.forEach(((o2) => {
              o2.forEach(((o3) => {
                const a2 = this.getComponent(o3), i2 = e3.getComponent(o3);
                t3 += this.severityDistanceBetweenComponents(o3, a2, o3, i2);
              }));
            })), t3;
          }
          calculateSeverityDistancesByComparingToHighestSeverityVectors(e3) {
            const t3 = /* @__PURE__ */ new Map();
            for (const o2 of e3) {
              t3.set("AV", this.severityDistanceBetweenComponents(n.Cvss4P0Components.AV, i.Cvss4P0MacroVector.getComparisonMetricComponent(this, n.Cvss4P0Components.AV), n.Cvss4P0Components.AV, i.Cvss4P0MacroVector.getComparisonMetricComponent(o2, n.Cvss4P0Components.AV))), t3.set("PR", this.severityDistanceBetweenComponents(n.Cvss4P0Components.PR, i.Cvss4P0MacroVector.getComparisonMetricComponent(this, n.Cvss4P0Components.PR), n.Cvss4P0Components.PR, i.Cvss4P0MacroVector.getComparisonMetricComponent(o2, n.Cvss4P0Components.PR))), t3.set("UI", this.severityDistanceBetweenComponents(n.Cvss4P0Components.UI, i.Cvss4P0MacroVector.getComparisonMetricComponent(this, n.Cvss4P0Components.UI), n.Cvss4P0Components.UI, i.Cvss4P0MacroVector.getComparisonMetricComponent(o2, n.Cvss4P0Components.UI))), t3.set("AC", this.severityDistanceBetweenComponents(n.Cvss4P0Components.AC, i.Cvss4P0MacroVector.getComparisonMetricComponent(this, n.Cvss4P0Components.AC), n.Cvss4P0Components.AC, i.Cvss4P0MacroVector.getComparisonMetricComponent(o2, n.Cvss4P0Components.AC))), t3.set("AT", this.severityDistanceBetweenComponents(n.Cvss4P0Components.AT, i.Cvss4P0MacroVector.getComparisonMetricComponent(this, n.Cvss4P0Components.AT), n.Cvss4P0Components.AT, i.Cvss4P0MacroVector.getComparisonMetricComponent(o2, n.Cvss4P0Components.AT))), t3.set("VC", this.severityDistanceBetweenComponents(n.Cvss4P0Components.VC, i.Cvss4P0MacroVector.getComparisonMetricComponent(this, n.Cvss4P0Components.VC), n.Cvss4P0Components.VC, i.Cvss4P0MacroVector.getComparisonMetricComponent(o2, n.Cvss4P0Components.VC))), t3.set("VI", this.severityDistanceBetweenComponents(n.Cvss4P0Components.VI, i.Cvss4P0MacroVector.getComparisonMetricComponent(this, n.Cvss4P0Components.VI), n.Cvss4P0Components.VI, i.Cvss4P0MacroVector.getComparisonMetricComponent(o2, n.Cvss4P0Components.VI))), t3.set("VA", this.severityDistanceBetweenComponents(n.Cvss4P0Components.VA, i.Cvss4P0MacroVector.getComparisonMetricComponent(this, n.Cvss4P0Components.VA), n.Cvss4P0Components.VA, i.Cvss4P0MacroVector.getComparisonMetricComponent(o2, n.Cvss4P0Components.VA))), t3.set("SC", this.severityDistanceBetweenComponents(n.Cvss4P0Components.SC, i.Cvss4P0MacroVector.getComparisonMetricComponent(this, n.Cvss4P0Components.SC), n.Cvss4P0Components.SC, i.Cvss4P0MacroVector.getComparisonMetricComponent(o2, n.Cvss4P0Components.SC))), t3.set("CR", this.severityDistanceBetweenComponents(n.Cvss4P0Components.CR, i.Cvss4P0MacroVector.getComparisonMetricComponent(this, n.Cvss4P0Components.CR), n.Cvss4P0Components.CR, i.Cvss4P0MacroVector.getComparisonMetricComponent(o2, n.Cvss4P0Components.CR))), t3.set("IR", this.severityDistanceBetweenComponents(n.Cvss4P0Components.IR, i.Cvss4P0MacroVector.getComparisonMetricComponent(this, n.Cvss4P0Components.IR), n.Cvss4P0Components.IR, i.Cvss4P0MacroVector.getComparisonMetricComponent(o2, n.Cvss4P0Components.IR))), t3.set("AR", this.severityDistanceBetweenComponents(n.Cvss4P0Components.AR, i.Cvss4P0MacroVector.getComparisonMetricComponent(this, n.Cvss4P0Components.AR), n.Cvss4P0Components.AR, i.Cvss4P0MacroVector.getComparisonMetricComponent(o2, n.Cvss4P0Components.AR)));
              const e4 = this.getComponent(n.Cvss4P0Components.SI) === n.Cvss4P0Components.SUBSEQUENT_SYSTEM_INTEGRITY_MODIFIED_VALUES.S ? "MSI" : "SI", a2 = this.getComponent(n.Cvss4P0Components.SA) === n.Cvss4P0Components.SUBSEQUENT_SYSTEM_AVAILABILITY_MODIFIED_VALUES.S ? "MSA" : "SA";
              if (t3.set(e4, this.severityDistanceBetweenComponents(n.Cvss4P0Components.SI, i.Cvss4P0MacroVector.getComparisonMetricComponent(this, n.Cvss4P0Components.SI), n.Cvss4P0Components.SI, i.Cvss4P0MacroVector.getComparisonMetricComponent(o2, n.Cvss4P0Components.SI))), t3.set(a2, this.severityDistanceBetweenComponents(n.Cvss4P0Components.SA, i.Cvss4P0MacroVector.getComparisonMetricComponent(this, n.Cvss4P0Components.SA), n.Cvss4P0Components.SA, i.Cvss4P0MacroVector.getComparisonMetricComponent(o2, n.Cvss4P0Components.SA))), !Array.from(t3.values()).some(((e5) => e5 < 0))) break;
              t3.clear();
            }
            return 0 === t3.size && console.warn(`No severity distances found for [${this.toString()}]`), t3;
          }
          getNomenclature() {
            let e3 = "CVSS-B";
            return this.isCategoryPartiallyDefined(n.Cvss4P0Components.THREAT_CATEGORY) && (e3 += "T"), (this.isCategoryPartiallyDefined(n.Cvss4P0Components.ENVIRONMENTAL_MODIFIED_BASE_CATEGORY) || this.isCategoryPartiallyDefined(n.Cvss4P0Components.ENVIRONMENTAL_SECURITY_REQUIREMENT_CATEGORY)) && (e3 += "E"), e3;
          }
          getMacroVector() {
            return i.Cvss4P0MacroVector.fromVector(this);
          }
          isBaseFullyDefined() {
            return super.isCategoryFullyDefined(n.Cvss4P0Components.BASE_CATEGORY);
          }
          isAnyBaseDefined() {
            return super.isCategoryPartiallyDefined(c.Cvss3P1Components.BASE_CATEGORY);
          }
          isThreatFullyDefined() {
            return super.isCategoryFullyDefined(n.Cvss4P0Components.THREAT_CATEGORY);
          }
          isAnyThreatDefined() {
            return super.isCategoryPartiallyDefined(n.Cvss4P0Components.THREAT_CATEGORY);
          }
          isAnyEnvironmentalDefined() {
            return super.isCategoryPartiallyDefined(n.Cvss4P0Components.ENVIRONMENTAL_MODIFIED_BASE_CATEGORY) || super.isCategoryPartiallyDefined(n.Cvss4P0Components.ENVIRONMENTAL_SECURITY_REQUIREMENT_CATEGORY);
          }
          getJsonSchemaSeverity(e3) {
            return 0 === e3 || isNaN(e3) ? "NONE" : e3 <= 3.9 ? "LOW" : e3 <= 6.9 ? "MEDIUM" : e3 <= 8.9 ? "HIGH" : "CRITICAL";
          }
          createJsonSchema() {
            const e3 = this.calculateScores();
            return { version: "4.0", vectorString: this.toString(), baseScore: e3.overall, baseSeverity: this.getJsonSchemaSeverity(e3.overall), attackVector: this.getComponent(n.Cvss4P0Components.AV).jsonSchemaName, attackComplexity: this.getComponent(n.Cvss4P0Components.AC).jsonSchemaName, attackRequirements: this.getComponent(n.Cvss4P0Components.AT).jsonSchemaName, privilegesRequired: this.getComponent(n.Cvss4P0Components.PR).jsonSchemaName, userInteraction: this.getComponent(n.Cvss4P0Components.UI).jsonSchemaName, vulnConfidentialityImpact: this.getComponent(n.Cvss4P0Components.VC).jsonSchemaName, vulnIntegrityImpact: this.getComponent(n.Cvss4P0Components.VI).jsonSchemaName, vulnAvailabilityImpact: this.getComponent(n.Cvss4P0Components.VA).jsonSchemaName, subConfidentialityImpact: this.getComponent(n.Cvss4P0Components.SC).jsonSchemaName, subIntegrityImpact: this.getComponent(n.Cvss4P0Components.SI).jsonSchemaName, subAvailabilityImpact: this.getComponent(n.Cvss4P0Components.SA).jsonSchemaName, exploitMaturity: this.getComponent(n.Cvss4P0Components.E).jsonSchemaName, confidentialityRequirement: this.getComponent(n.Cvss4P0Components.CR).jsonSchemaName, integrityRequirement: this.getComponent(n.Cvss4P0Components.IR).jsonSchemaName, availabilityRequirement: this.getComponent(n.Cvss4P0Components.AR).jsonSchemaName, modifiedAttackVector: this.getComponent(n.Cvss4P0Components.MAV).jsonSchemaName, modifiedAttackComplexity: this.getComponent(n.Cvss4P0Components.MAC).jsonSchemaName, modifiedAttackRequirements: this.getComponent(n.Cvss4P0Components.MAT).jsonSchemaName, modifiedPrivilegesRequired: this.getComponent(n.Cvss4P0Components.MPR).jsonSchemaName, modifiedUserInteraction: this.getComponent(n.Cvss4P0Components.MUI).jsonSchemaName, modifiedVulnConfidentialityImpact: this.getComponent(n.Cvss4P0Components.MVC).jsonSchemaName, modifiedVulnIntegrityImpact: this.getComponent(n.Cvss4P0Components.MVI).jsonSchemaName, modifiedVulnAvailabilityImpact: this.getComponent(n.Cvss4P0Components.MVA).jsonSchemaName, modifiedSubConfidentialityImpact: this.getComponent(n.Cvss4P0Components.MSC).jsonSchemaName, modifiedSubIntegrityImpact: this.getComponent(n.Cvss4P0Components.MSI).jsonSchemaName, modifiedSubAvailabilityImpact: this.getComponent(n.Cvss4P0Components.MSA).jsonSchemaName, Safety: this.getComponent(n.Cvss4P0Components.S).jsonSchemaName, Automatable: this.getComponent(n.Cvss4P0Components.AU).jsonSchemaName, Recovery: this.getComponent(n.Cvss4P0Components.R).jsonSchemaName, valueDensity: this.getComponent(n.Cvss4P0Components.V).jsonSchemaName, vulnerabilityResponseEffort: this.getComponent(n.Cvss4P0Components.RE).jsonSchemaName, providerUrgency: this.getComponent(n.Cvss4P0Components.U).jsonSchemaName };
          }
        }
        t2.Cvss4P0 = l, r.EQ.createCvssInstance = (e3) => new l(e3);
        class m {
          constructor() {
            this.sum = 0, this.count = 0;
          }
          add(e3) {
            this.sum += e3, this.count++;
          }
          get(e3) {
            return 0 == this.count ? e3 : this.sum / this.count;
          }
        }
      } }, t = {};
      return (function o(a) {
        var i = t[a];
        if (void 0 !== i) return i.exports;
        var s = t[a] = { exports: {} };
        return e[a].call(s.exports, s, s.exports, o), s.exports;
      })(156);
    })()));
  }
});

// node_modules/pend/index.js
var require_pend = __commonJS({
  "node_modules/pend/index.js"(exports, module) {
    module.exports = Pend;
    function Pend() {
      this.pending = 0;
      this.max = Infinity;
      this.listeners = [];
      this.waiting = [];
      this.error = null;
    }
    Pend.prototype.go = function(fn) {
      if (this.pending < this.max) {
        pendGo(this, fn);
      } else {
        this.waiting.push(fn);
      }
    };
    Pend.prototype.wait = function(cb) {
      if (this.pending === 0) {
        cb(this.error);
      } else {
        this.listeners.push(cb);
      }
    };
    Pend.prototype.hold = function() {
      return pendHold(this);
    };
    function pendHold(self) {
      self.pending += 1;
      var called = false;
      return onCb;
      function onCb(err) {
        if (called) throw new Error("callback called twice");
        called = true;
        self.error = self.error || err;
        self.pending -= 1;
        if (self.waiting.length > 0 && self.pending < self.max) {
          pendGo(self, self.waiting.shift());
        } else if (self.pending === 0) {
          var listeners = self.listeners;
          self.listeners = [];
          listeners.forEach(cbListener);
        }
      }
      function cbListener(listener) {
        listener(self.error);
      }
    }
    function pendGo(self, fn) {
      fn(pendHold(self));
    }
  }
});

// node_modules/yauzl/fd-slicer.js
var require_fd_slicer = __commonJS({
  "node_modules/yauzl/fd-slicer.js"(exports) {
    var fs = __require("fs");
    var util = __require("util");
    var stream = __require("stream");
    var Readable = stream.Readable;
    var PassThrough = stream.PassThrough;
    var Pend = require_pend();
    var EventEmitter = __require("events").EventEmitter;
    exports.BufferSlicer = BufferSlicer;
    exports.FdSlicer = FdSlicer;
    util.inherits(FdSlicer, EventEmitter);
    function FdSlicer(fd) {
      EventEmitter.call(this);
      this.fd = fd;
      this.pend = new Pend();
      this.pend.max = 1;
      this.refCount = 0;
    }
    FdSlicer.prototype.read = function(buffer, offset, length, position, callback) {
      var self = this;
      self.pend.go(function(cb) {
        fs.read(self.fd, buffer, offset, length, position, function(err, bytesRead, buffer2) {
          cb();
          callback(err, bytesRead, buffer2);
        });
      });
    };
    FdSlicer.prototype.createReadStream = function(options2) {
      return new ReadStream(this, options2);
    };
    FdSlicer.prototype.ref = function() {
      this.refCount += 1;
    };
    FdSlicer.prototype.unref = function() {
      var self = this;
      self.refCount -= 1;
      if (self.refCount < 0) throw new Error("invalid unref");
      if (self.refCount > 0) return;
      fs.close(self.fd, onCloseDone);
      function onCloseDone(err) {
        if (err) {
          self.emit("error", err);
        } else {
          self.emit("close");
        }
      }
    };
    util.inherits(ReadStream, Readable);
    function ReadStream(context, options2) {
      options2 = options2 || {};
      Readable.call(this, options2);
      this.context = context;
      this.context.ref();
      this.start = options2.start || 0;
      this.endOffset = options2.end;
      this.pos = this.start;
    }
    ReadStream.prototype._read = function(n) {
      var self = this;
      var toRead = Math.min(self._readableState.highWaterMark, n);
      if (self.endOffset != null) {
        toRead = Math.min(toRead, self.endOffset - self.pos);
      }
      if (toRead <= 0) {
        self.push(null);
        this._cleanup();
        return;
      }
      self.context.pend.go(function(cb) {
        var buffer = Buffer.allocUnsafe(toRead);
        fs.read(self.context.fd, buffer, 0, toRead, self.pos, function(err, bytesRead) {
          if (err) {
            self.destroy(err);
          } else if (bytesRead === 0) {
            self.push(null);
            self._cleanup();
          } else {
            self.pos += bytesRead;
            self.push(buffer.slice(0, bytesRead));
          }
          cb();
        });
      });
    };
    ReadStream.prototype._destroy = function(err, cb) {
      this._cleanup();
      cb(err);
    };
    ReadStream.prototype._cleanup = function() {
      if (this.context != null) {
        this.context.unref();
        this.context = null;
      }
    };
    util.inherits(BufferSlicer, EventEmitter);
    function BufferSlicer(buffer) {
      EventEmitter.call(this);
      this.refCount = 0;
      this.buffer = buffer;
    }
    BufferSlicer.prototype.read = function(buffer, offset, length, position, callback) {
      if (!(0 <= offset && offset <= buffer.length)) throw new RangeError("offset outside buffer: 0 <= " + offset + " <= " + buffer.length);
      if (position < 0) throw new RangeError("position is negative: " + position);
      if (offset + length > buffer.length) {
        length = buffer.length - offset;
      }
      if (position + length > this.buffer.length) {
        length = this.buffer.length - position;
      }
      if (length <= 0) {
        setImmediate(function() {
          callback(null, 0);
        });
        return;
      }
      this.buffer.copy(buffer, offset, position, position + length);
      setImmediate(function() {
        callback(null, length);
      });
    };
    BufferSlicer.prototype.createReadStream = function(options2) {
      options2 = options2 || {};
      var readStream = new PassThrough(options2);
      readStream.start = options2.start || 0;
      readStream.endOffset = options2.end;
      readStream.pos = readStream.endOffset || this.buffer.length;
      var entireSlice = this.buffer.slice(readStream.start, readStream.pos);
      var maxChunkSize = 65536;
      var offset = 0;
      while (true) {
        var nextOffset = offset + maxChunkSize;
        if (nextOffset >= entireSlice.length) {
          if (offset < entireSlice.length) {
            readStream.write(entireSlice.slice(offset, entireSlice.length));
          }
          break;
        }
        readStream.write(entireSlice.slice(offset, nextOffset));
        offset = nextOffset;
      }
      readStream.end();
      return readStream;
    };
    BufferSlicer.prototype.ref = function() {
      this.refCount += 1;
    };
    BufferSlicer.prototype.unref = function() {
      this.refCount -= 1;
      if (this.refCount < 0) {
        throw new Error("invalid unref");
      }
    };
  }
});

// node_modules/yauzl/crc32.js
var require_crc32 = __commonJS({
  "node_modules/yauzl/crc32.js"(exports, module) {
    var CRC_TABLE = new Int32Array([
      0,
      1996959894,
      3993919788,
      2567524794,
      124634137,
      1886057615,
      3915621685,
      2657392035,
      249268274,
      2044508324,
      3772115230,
      2547177864,
      162941995,
      2125561021,
      3887607047,
      2428444049,
      498536548,
      1789927666,
      4089016648,
      2227061214,
      450548861,
      1843258603,
      4107580753,
      2211677639,
      325883990,
      1684777152,
      4251122042,
      2321926636,
      335633487,
      1661365465,
      4195302755,
      2366115317,
      997073096,
      1281953886,
      3579855332,
      2724688242,
      1006888145,
      1258607687,
      3524101629,
      2768942443,
      901097722,
      1119000684,
      3686517206,
      2898065728,
      853044451,
      1172266101,
      3705015759,
      2882616665,
      651767980,
      1373503546,
      3369554304,
      3218104598,
      565507253,
      1454621731,
      3485111705,
      3099436303,
      671266974,
      1594198024,
      3322730930,
      2970347812,
      795835527,
      1483230225,
      3244367275,
      3060149565,
      1994146192,
      31158534,
      2563907772,
      4023717930,
      1907459465,
      112637215,
      2680153253,
      3904427059,
      2013776290,
      251722036,
      2517215374,
      3775830040,
      2137656763,
      141376813,
      2439277719,
      3865271297,
      1802195444,
      476864866,
      2238001368,
      4066508878,
      1812370925,
      453092731,
      2181625025,
      4111451223,
      1706088902,
      314042704,
      2344532202,
      4240017532,
      1658658271,
      366619977,
      2362670323,
      4224994405,
      1303535960,
      984961486,
      2747007092,
      3569037538,
      1256170817,
      1037604311,
      2765210733,
      3554079995,
      1131014506,
      879679996,
      2909243462,
      3663771856,
      1141124467,
      855842277,
      2852801631,
      3708648649,
      1342533948,
      654459306,
      3188396048,
      3373015174,
      1466479909,
      544179635,
      3110523913,
      3462522015,
      1591671054,
      702138776,
      2966460450,
      3352799412,
      1504918807,
      783551873,
      3082640443,
      3233442989,
      3988292384,
      2596254646,
      62317068,
      1957810842,
      3939845945,
      2647816111,
      81470997,
      1943803523,
      3814918930,
      2489596804,
      225274430,
      2053790376,
      3826175755,
      2466906013,
      167816743,
      2097651377,
      4027552580,
      2265490386,
      503444072,
      1762050814,
      4150417245,
      2154129355,
      426522225,
      1852507879,
      4275313526,
      2312317920,
      282753626,
      1742555852,
      4189708143,
      2394877945,
      397917763,
      1622183637,
      3604390888,
      2714866558,
      953729732,
      1340076626,
      3518719985,
      2797360999,
      1068828381,
      1219638859,
      3624741850,
      2936675148,
      906185462,
      1090812512,
      3747672003,
      2825379669,
      829329135,
      1181335161,
      3412177804,
      3160834842,
      628085408,
      1382605366,
      3423369109,
      3138078467,
      570562233,
      1426400815,
      3317316542,
      2998733608,
      733239954,
      1555261956,
      3268935591,
      3050360625,
      752459403,
      1541320221,
      2607071920,
      3965973030,
      1969922972,
      40735498,
      2617837225,
      3943577151,
      1913087877,
      83908371,
      2512341634,
      3803740692,
      2075208622,
      213261112,
      2463272603,
      3855990285,
      2094854071,
      198958881,
      2262029012,
      4057260610,
      1759359992,
      534414190,
      2176718541,
      4139329115,
      1873836001,
      414664567,
      2282248934,
      4279200368,
      1711684554,
      285281116,
      2405801727,
      4167216745,
      1634467795,
      376229701,
      2685067896,
      3608007406,
      1308918612,
      956543938,
      2808555105,
      3495958263,
      1231636301,
      1047427035,
      2932959818,
      3654703836,
      1088359270,
      936918e3,
      2847714899,
      3736837829,
      1202900863,
      817233897,
      3183342108,
      3401237130,
      1404277552,
      615818150,
      3134207493,
      3453421203,
      1423857449,
      601450431,
      3009837614,
      3294710456,
      1567103746,
      711928724,
      3020668471,
      3272380065,
      1510334235,
      755167117
    ]);
    function crc32(buf) {
      let crc = -1;
      for (let x of buf) {
        crc = CRC_TABLE[(crc ^ x) & 255] ^ crc >>> 8;
      }
      return (crc ^ -1) >>> 0;
    }
    module.exports = crc32;
  }
});

// node_modules/yauzl/index.js
var require_yauzl = __commonJS({
  "node_modules/yauzl/index.js"(exports) {
    var fs = __require("fs");
    var zlib = __require("zlib");
    var fd_slicer = require_fd_slicer();
    var util = __require("util");
    var EventEmitter = __require("events").EventEmitter;
    var Transform = __require("stream").Transform;
    var PassThrough = __require("stream").PassThrough;
    var Writable = __require("stream").Writable;
    var crc32 = typeof zlib.crc32 === "function" ? zlib.crc32 : require_crc32();
    exports.open = open6;
    exports.fromFd = fromFd;
    exports.fromBuffer = fromBuffer;
    exports.fromRandomAccessReader = fromRandomAccessReader;
    exports.openPromise = openPromise3;
    exports.fromFdPromise = fromFdPromise;
    exports.fromBufferPromise = fromBufferPromise2;
    exports.fromRandomAccessReaderPromise = fromRandomAccessReaderPromise;
    exports.dosDateTimeToDate = dosDateTimeToDate;
    exports.getFileNameLowLevel = getFileNameLowLevel2;
    exports.validateFileName = validateFileName;
    exports.parseExtraFields = parseExtraFields;
    exports.ZipFile = ZipFile;
    exports.Entry = Entry;
    exports.LocalFileHeader = LocalFileHeader;
    exports.RandomAccessReader = RandomAccessReader;
    function openPromise3(path, options2) {
      return new Promise((resolve, reject) => {
        open6(path, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve(zipfile);
        });
      });
    }
    function fromFdPromise(fd, options2) {
      return new Promise((resolve, reject) => {
        fromFd(fd, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve(zipfile);
        });
      });
    }
    function fromBufferPromise2(buffer, options2) {
      return new Promise((resolve, reject) => {
        fromBuffer(buffer, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve(zipfile);
        });
      });
    }
    function fromRandomAccessReaderPromise(reader, totalSize, options2) {
      return new Promise((resolve, reject) => {
        fromRandomAccessReader(reader, totalSize, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve(zipfile);
        });
      });
    }
    function open6(path, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = true;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      fs.open(path, "r", function(err, fd) {
        if (err) return callback(err);
        fromFd(fd, options2, function(err2, zipfile) {
          if (err2) fs.close(fd, defaultCallback);
          callback(err2, zipfile);
        });
      });
    }
    function fromFd(fd, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = false;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      fs.fstat(fd, function(err, stats) {
        if (err) return callback(err);
        var reader = new fd_slicer.FdSlicer(fd);
        fromRandomAccessReader(reader, stats.size, options2, callback);
      });
    }
    function fromBuffer(buffer, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      options2.autoClose = false;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      var reader = new fd_slicer.BufferSlicer(buffer);
      fromRandomAccessReader(reader, buffer.length, options2, callback);
    }
    function fromRandomAccessReader(reader, totalSize, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = true;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      var decodeStrings = !!options2.decodeStrings;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      if (typeof totalSize !== "number") throw new Error("expected totalSize parameter to be a number");
      if (totalSize > Number.MAX_SAFE_INTEGER) {
        throw new Error("zip file too large. only file sizes up to 2^52 are supported due to JavaScript's Number type being an IEEE 754 double.");
      }
      reader.ref();
      var eocdrWithoutCommentSize = 22;
      var zip64EocdlSize = 20;
      var maxCommentSize = 65535;
      var bufferSize = Math.min(zip64EocdlSize + eocdrWithoutCommentSize + maxCommentSize, totalSize);
      var buffer = newBuffer(bufferSize);
      var bufferReadStart = totalSize - buffer.length;
      readAndAssertNoEof(reader, buffer, 0, bufferSize, bufferReadStart, function(err) {
        if (err) return callback(err);
        for (var i = bufferSize - eocdrWithoutCommentSize; i >= 0; i -= 1) {
          if (buffer.readUInt32LE(i) !== 101010256) continue;
          var eocdrBuffer = buffer.subarray(i);
          var diskNumber = eocdrBuffer.readUInt16LE(4);
          var entryCount = eocdrBuffer.readUInt16LE(10);
          var centralDirectoryOffset = eocdrBuffer.readUInt32LE(16);
          var commentLength = eocdrBuffer.readUInt16LE(20);
          var expectedCommentLength = eocdrBuffer.length - eocdrWithoutCommentSize;
          if (commentLength !== expectedCommentLength) {
            return callback(new Error("Invalid comment length. Expected: " + expectedCommentLength + ". Found: " + commentLength + ". Are there extra bytes at the end of the file? Or is the end of central dir signature `PK\u263A\u263B` in the comment?"));
          }
          var comment = decodeStrings ? decodeBuffer(eocdrBuffer.subarray(22), false) : eocdrBuffer.subarray(22);
          if (i - zip64EocdlSize >= 0 && buffer.readUInt32LE(i - zip64EocdlSize) === 117853008) {
            var zip64EocdlBuffer = buffer.subarray(i - zip64EocdlSize, i - zip64EocdlSize + zip64EocdlSize);
            var zip64EocdrOffset = readUInt64LE(zip64EocdlBuffer, 8);
            var zip64EocdrBuffer = newBuffer(56);
            return readAndAssertNoEof(reader, zip64EocdrBuffer, 0, zip64EocdrBuffer.length, zip64EocdrOffset, function(err2) {
              if (err2) return callback(err2);
              if (zip64EocdrBuffer.readUInt32LE(0) !== 101075792) {
                return callback(new Error("invalid zip64 end of central directory record signature"));
              }
              diskNumber = zip64EocdrBuffer.readUInt32LE(16);
              if (diskNumber !== 0) {
                return callback(new Error("multi-disk zip files are not supported: found disk number: " + diskNumber));
              }
              entryCount = readUInt64LE(zip64EocdrBuffer, 32);
              centralDirectoryOffset = readUInt64LE(zip64EocdrBuffer, 48);
              return callback(null, new ZipFile(reader, centralDirectoryOffset, totalSize, entryCount, comment, options2.autoClose, options2.lazyEntries, decodeStrings, options2.validateEntrySizes, options2.strictFileNames));
            });
          }
          if (diskNumber !== 0) {
            return callback(new Error("multi-disk zip files are not supported: found disk number: " + diskNumber));
          }
          return callback(null, new ZipFile(reader, centralDirectoryOffset, totalSize, entryCount, comment, options2.autoClose, options2.lazyEntries, decodeStrings, options2.validateEntrySizes, options2.strictFileNames));
        }
        callback(new Error("End of central directory record signature not found. Either not a zip file, or file is truncated."));
      });
    }
    util.inherits(ZipFile, EventEmitter);
    function ZipFile(reader, centralDirectoryOffset, fileSize, entryCount, comment, autoClose, lazyEntries, decodeStrings, validateEntrySizes, strictFileNames) {
      var self = this;
      EventEmitter.call(self);
      self.reader = reader;
      self.reader.on("error", function(err) {
        emitError(self, err);
      });
      self.reader.once("close", function() {
        self.emit("close");
      });
      self.readEntryCursor = centralDirectoryOffset;
      self.fileSize = fileSize;
      self.entryCount = entryCount;
      self.comment = comment;
      self.entriesRead = 0;
      self.autoClose = !!autoClose;
      self.lazyEntries = !!lazyEntries;
      self.decodeStrings = !!decodeStrings;
      self.validateEntrySizes = !!validateEntrySizes;
      self.strictFileNames = !!strictFileNames;
      self.isOpen = true;
      self.emittedError = false;
      self.hasEachEntryBeenCalled = false;
      if (!self.lazyEntries) self._readEntry();
    }
    ZipFile.prototype.close = function() {
      if (!this.isOpen) return;
      this.isOpen = false;
      this.reader.unref();
    };
    function emitErrorAndAutoClose(self, err) {
      if (self.autoClose) self.close();
      emitError(self, err);
    }
    function emitError(self, err) {
      if (self.emittedError) return;
      self.emittedError = true;
      self.emit("error", err);
    }
    ZipFile.prototype.readEntry = function() {
      if (!this.lazyEntries) throw new Error("readEntry() called without lazyEntries:true");
      this._readEntry();
    };
    ZipFile.prototype._readEntry = function() {
      var self = this;
      if (self.entryCount === self.entriesRead) {
        setImmediate(function() {
          if (self.autoClose) self.close();
          if (self.emittedError) return;
          self.emit("end");
        });
        return;
      }
      if (self.emittedError) return;
      var buffer = newBuffer(46);
      readAndAssertNoEof(self.reader, buffer, 0, buffer.length, self.readEntryCursor, function(err) {
        if (err) return emitErrorAndAutoClose(self, err);
        if (self.emittedError) return;
        var entry = new Entry();
        var signature = buffer.readUInt32LE(0);
        if (signature !== 33639248) return emitErrorAndAutoClose(self, new Error("invalid central directory file header signature: 0x" + signature.toString(16)));
        entry.versionMadeBy = buffer.readUInt16LE(4);
        entry.versionNeededToExtract = buffer.readUInt16LE(6);
        entry.generalPurposeBitFlag = buffer.readUInt16LE(8);
        entry.compressionMethod = buffer.readUInt16LE(10);
        entry.lastModFileTime = buffer.readUInt16LE(12);
        entry.lastModFileDate = buffer.readUInt16LE(14);
        entry.crc32 = buffer.readUInt32LE(16);
        entry.compressedSize = buffer.readUInt32LE(20);
        entry.uncompressedSize = buffer.readUInt32LE(24);
        entry.fileNameLength = buffer.readUInt16LE(28);
        entry.extraFieldLength = buffer.readUInt16LE(30);
        entry.fileCommentLength = buffer.readUInt16LE(32);
        entry.internalFileAttributes = buffer.readUInt16LE(36);
        entry.externalFileAttributes = buffer.readUInt32LE(38);
        entry.relativeOffsetOfLocalHeader = buffer.readUInt32LE(42);
        if (entry.generalPurposeBitFlag & 64) return emitErrorAndAutoClose(self, new Error("strong encryption is not supported"));
        self.readEntryCursor += 46;
        buffer = newBuffer(entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength);
        readAndAssertNoEof(self.reader, buffer, 0, buffer.length, self.readEntryCursor, function(err2) {
          if (err2) return emitErrorAndAutoClose(self, err2);
          if (self.emittedError) return;
          entry.fileNameRaw = buffer.subarray(0, entry.fileNameLength);
          var fileCommentStart = entry.fileNameLength + entry.extraFieldLength;
          entry.extraFieldRaw = buffer.subarray(entry.fileNameLength, fileCommentStart);
          entry.fileCommentRaw = buffer.subarray(fileCommentStart, fileCommentStart + entry.fileCommentLength);
          try {
            entry.extraFields = parseExtraFields(entry.extraFieldRaw);
          } catch (err3) {
            return emitErrorAndAutoClose(self, err3);
          }
          if (self.decodeStrings) {
            var isUtf83 = (entry.generalPurposeBitFlag & 2048) !== 0;
            entry.fileComment = decodeBuffer(entry.fileCommentRaw, isUtf83);
            entry.fileName = getFileNameLowLevel2(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, self.strictFileNames);
            var errorMessage = validateFileName(entry.fileName);
            if (errorMessage != null) return emitErrorAndAutoClose(self, new Error(errorMessage));
          } else {
            entry.fileComment = entry.fileCommentRaw;
            entry.fileName = entry.fileNameRaw;
          }
          entry.comment = entry.fileComment;
          self.readEntryCursor += buffer.length;
          self.entriesRead += 1;
          for (var i = 0; i < entry.extraFields.length; i++) {
            var extraField = entry.extraFields[i];
            if (extraField.id !== 1) continue;
            var zip64EiefBuffer = extraField.data;
            var index = 0;
            if (entry.uncompressedSize === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include uncompressed size"));
              }
              entry.uncompressedSize = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            if (entry.compressedSize === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include compressed size"));
              }
              entry.compressedSize = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            if (entry.relativeOffsetOfLocalHeader === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include relative header offset"));
              }
              entry.relativeOffsetOfLocalHeader = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            break;
          }
          if (self.validateEntrySizes && entry.compressionMethod === 0) {
            var expectedCompressedSize = entry.uncompressedSize;
            if (entry.isEncrypted()) {
              expectedCompressedSize += 12;
            }
            if (entry.compressedSize !== expectedCompressedSize) {
              var msg = "compressed/uncompressed size mismatch for stored file: " + entry.compressedSize + " != " + entry.uncompressedSize;
              return emitErrorAndAutoClose(self, new Error(msg));
            }
          }
          self.emit("entry", entry);
          if (!self.lazyEntries) self._readEntry();
        });
      });
    };
    ZipFile.prototype.eachEntry = function() {
      const self = this;
      if (!self.lazyEntries) throw new Error("eachEntry() requires lazyEntries: true");
      if (self.hasEachEntryBeenCalled) throw new Error("eachEntry() must only be called once per ZipFile");
      self.hasEachEntryBeenCalled = true;
      let pendingResolveReject = null;
      self.on("entry", onEntry);
      self.on("end", onEnd);
      self.on("error", onError);
      function cleanup() {
        self.removeListener("entry", onEntry);
        self.removeListener("end", onEnd);
        self.removeListener("error", onError);
        if (self.autoClose) self.close();
      }
      function onEntry(entry) {
        let { resolve } = pendingResolveReject;
        pendingResolveReject = null;
        resolve({ value: entry });
      }
      function onEnd() {
        let { resolve } = pendingResolveReject;
        pendingResolveReject = null;
        cleanup();
        resolve({ done: true });
      }
      function onError(err) {
        let { reject } = pendingResolveReject;
        pendingResolveReject = null;
        cleanup();
        reject(err);
      }
      return {
        [Symbol.asyncIterator]() {
          return this;
        },
        next() {
          const promise = new Promise((resolve, reject) => {
            if (pendingResolveReject != null) throw new Error("next() called before previous Promise was resolved.");
            pendingResolveReject = { resolve, reject };
          });
          self.readEntry();
          return promise;
        },
        return(value) {
          cleanup();
          return Promise.resolve({ done: true, value });
        },
        throw(value) {
          cleanup();
          return Promise.reject(value);
        }
      };
    };
    ZipFile.prototype.openReadStream = function(entry, options2, callback) {
      var self = this;
      var relativeStart = 0;
      var relativeEnd = entry.compressedSize;
      if (callback == null) {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) {
        options2 = {};
      } else {
        if (options2.decodeFileData === false) {
          if (options2.decrypt != null) {
            throw new Error("cannot use options.decrypt when options.decodeFileData === false");
          }
          if (options2.decompress != null) {
            throw new Error("cannot use options.decompress when options.decodeFileData === false");
          }
        } else {
          if (options2.decrypt != null) {
            if (!entry.isEncrypted()) {
              throw new Error("options.decrypt can only be specified for encrypted entries. See also option decodeFileData.");
            }
            if (options2.decrypt !== false) throw new Error("invalid options.decrypt value: " + options2.decrypt);
            if (entry.isCompressed()) {
              if (options2.decompress !== false) throw new Error("entry is encrypted and compressed, and options.decompress !== false. See also option decodeFileData.");
            }
          }
          if (options2.decompress != null) {
            if (!entry.isCompressed()) {
              throw new Error("options.decompress can only be specified for compressed entries. See also option decodeFileData.");
            }
            if (!(options2.decompress === false || options2.decompress === true)) {
              throw new Error("invalid options.decompress value: " + options2.decompress);
            }
            decompress = options2.decompress;
          }
        }
        if (options2.start != null) {
          relativeStart = options2.start;
          if (relativeStart < 0) throw new Error("options.start < 0");
          if (relativeStart > entry.compressedSize) throw new Error("options.start > entry.compressedSize");
        }
        if (options2.end != null) {
          relativeEnd = options2.end;
          if (relativeEnd < 0) throw new Error("options.end < 0");
          if (relativeEnd > entry.compressedSize) throw new Error("options.end > entry.compressedSize");
          if (relativeEnd < relativeStart) throw new Error("options.end < options.start");
        }
      }
      var rawMode = options2.decodeFileData === false || // Explicitly requested raw.
      (entry.compressionMethod === 0 || // Naturally without compression.
      entry.compressionMethod === 8 && options2.decompress === false) && (!entry.isEncrypted() || // Naturally without encryption.
      options2.decrypt === false);
      if (options2.start != null || options2.end != null) {
        if (!rawMode) throw new Error("start/end range require options.decodeFileData === false for non-trivial encoded entries.");
      }
      if (!self.isOpen) return callback(new Error("closed"));
      if (entry.isEncrypted() && !rawMode) {
        if (options2.decrypt !== false) return callback(new Error("entry is encrypted, and options.decodeFileData !== false"));
      }
      var decompress;
      if (rawMode) {
        decompress = false;
      } else if (entry.compressionMethod === 8) {
        decompress = options2.decodeFileData !== true;
      } else {
        return callback(new Error("unsupported compression method: " + entry.compressionMethod));
      }
      self.readLocalFileHeader(entry, { minimal: true }, function(err, localFileHeader) {
        if (err) return callback(err);
        self.openReadStreamLowLevel(
          localFileHeader.fileDataStart,
          entry.compressedSize,
          relativeStart,
          relativeEnd,
          decompress,
          entry.uncompressedSize,
          callback
        );
      });
    };
    ZipFile.prototype.openReadStreamLowLevel = function(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize, callback) {
      var self = this;
      var fileDataEnd = fileDataStart + compressedSize;
      var readStream = self.reader.createReadStream({
        start: fileDataStart + relativeStart,
        end: fileDataStart + relativeEnd
      });
      var endpointStream = readStream;
      if (decompress) {
        var destroyed = false;
        var inflateFilter = zlib.createInflateRaw();
        readStream.on("error", function(err) {
          setImmediate(function() {
            if (!destroyed) inflateFilter.emit("error", err);
          });
        });
        readStream.pipe(inflateFilter);
        if (self.validateEntrySizes) {
          endpointStream = new AssertByteCountStream(uncompressedSize);
          inflateFilter.on("error", function(err) {
            setImmediate(function() {
              if (!destroyed) endpointStream.emit("error", err);
            });
          });
          inflateFilter.pipe(endpointStream);
        } else {
          endpointStream = inflateFilter;
        }
        installDestroyFn(endpointStream, function() {
          destroyed = true;
          if (inflateFilter !== endpointStream) inflateFilter.unpipe(endpointStream);
          readStream.unpipe(inflateFilter);
          readStream.destroy();
        });
      }
      callback(null, endpointStream);
    };
    ZipFile.prototype.readLocalFileHeader = function(entry, options2, callback) {
      var self = this;
      if (callback == null) {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      self.reader.ref();
      var buffer = newBuffer(30);
      readAndAssertNoEof(self.reader, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader, function(err) {
        try {
          if (err) return callback(err);
          var signature = buffer.readUInt32LE(0);
          if (signature !== 67324752) {
            return callback(new Error("invalid local file header signature: 0x" + signature.toString(16)));
          }
          var fileNameLength = buffer.readUInt16LE(26);
          var extraFieldLength = buffer.readUInt16LE(28);
          var fileDataStart = entry.relativeOffsetOfLocalHeader + 30 + fileNameLength + extraFieldLength;
          if (fileDataStart + entry.compressedSize > self.fileSize) {
            return callback(new Error("file data overflows file bounds: " + fileDataStart + " + " + entry.compressedSize + " > " + self.fileSize));
          }
          if (options2.minimal) {
            return callback(null, { fileDataStart });
          }
          var localFileHeader = new LocalFileHeader();
          localFileHeader.fileDataStart = fileDataStart;
          localFileHeader.versionNeededToExtract = buffer.readUInt16LE(4);
          localFileHeader.generalPurposeBitFlag = buffer.readUInt16LE(6);
          localFileHeader.compressionMethod = buffer.readUInt16LE(8);
          localFileHeader.lastModFileTime = buffer.readUInt16LE(10);
          localFileHeader.lastModFileDate = buffer.readUInt16LE(12);
          localFileHeader.crc32 = buffer.readUInt32LE(14);
          localFileHeader.compressedSize = buffer.readUInt32LE(18);
          localFileHeader.uncompressedSize = buffer.readUInt32LE(22);
          localFileHeader.fileNameLength = fileNameLength;
          localFileHeader.extraFieldLength = extraFieldLength;
          buffer = newBuffer(fileNameLength + extraFieldLength);
          self.reader.ref();
          readAndAssertNoEof(self.reader, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader + 30, function(err2) {
            try {
              if (err2) return callback(err2);
              localFileHeader.fileName = buffer.subarray(0, fileNameLength);
              localFileHeader.extraField = buffer.subarray(fileNameLength);
              return callback(null, localFileHeader);
            } finally {
              self.reader.unref();
            }
          });
        } finally {
          self.reader.unref();
        }
      });
    };
    ZipFile.prototype.openReadStreamPromise = function(entry, options2) {
      return new Promise((resolve, reject) => {
        this.openReadStream(entry, options2, function(err, readStream) {
          if (err) return reject(err);
          resolve(readStream);
        });
      });
    };
    ZipFile.prototype.openReadStreamLowLevelPromise = function(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize) {
      return new Promise((resolve, reject) => {
        this.openReadStream(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize, function(err, readStream) {
          if (err) return reject(err);
          resolve(readStream);
        });
      });
    };
    ZipFile.prototype.readLocalFileHeaderPromise = function(entry, options2) {
      return new Promise((resolve, reject) => {
        this.readLocalFileHeader(entry, options2, function(err, localFileHeader) {
          if (err) return reject(err);
          resolve(localFileHeader);
        });
      });
    };
    function Entry() {
    }
    Entry.prototype.getLastModDate = function(options2) {
      if (options2 == null) options2 = {};
      if (!options2.forceDosFormat) {
        for (var i = 0; i < this.extraFields.length; i++) {
          var extraField = this.extraFields[i];
          if (extraField.id === 21589) {
            var data = extraField.data;
            if (data.length < 5) continue;
            var flags = data[0];
            var HAS_MTIME = 1;
            if (!(flags & HAS_MTIME)) continue;
            var posixTimestamp = data.readInt32LE(1);
            return new Date(posixTimestamp * 1e3);
          } else if (extraField.id === 10) {
            var data = extraField.data;
            if (data.length !== 32) continue;
            if (data.readUInt16LE(4) !== 1) continue;
            if (data.readUInt16LE(6) !== 24) continue;
            var hundredNanoSecondsSince1601 = data.readUInt32LE(8) + 4294967296 * data.readInt32LE(12);
            var millisecondsSince1970 = hundredNanoSecondsSince1601 / 1e4 - 116444736e5;
            return new Date(millisecondsSince1970);
          }
        }
      }
      return dosDateTimeToDate(this.lastModFileDate, this.lastModFileTime, options2.timezone);
    };
    Entry.prototype.canDecodeFileData = function() {
      return !this.isEncrypted() && (this.compressionMethod === 0 || this.compressionMethod === 8);
    };
    Entry.prototype.isEncrypted = function() {
      return (this.generalPurposeBitFlag & 1) !== 0;
    };
    Entry.prototype.isCompressed = function() {
      return this.compressionMethod === 8;
    };
    function LocalFileHeader() {
    }
    function dosDateTimeToDate(date, time, timezone) {
      var day = date & 31;
      var month = (date >> 5 & 15) - 1;
      var year = (date >> 9 & 127) + 1980;
      var millisecond = 0;
      var second = (time & 31) * 2;
      var minute = time >> 5 & 63;
      var hour = time >> 11 & 31;
      if (timezone == null || timezone === "local") {
        return new Date(year, month, day, hour, minute, second, millisecond);
      } else if (timezone === "UTC") {
        return new Date(Date.UTC(year, month, day, hour, minute, second, millisecond));
      } else {
        throw new Error("unrecognized options.timezone: " + options.timezone);
      }
    }
    function getFileNameLowLevel2(generalPurposeBitFlag, fileNameBuffer, extraFields, strictFileNames) {
      var fileName = null;
      for (var i = 0; i < extraFields.length; i++) {
        var extraField = extraFields[i];
        if (extraField.id === 28789) {
          if (extraField.data.length < 6) {
            continue;
          }
          if (extraField.data.readUInt8(0) !== 1) {
            continue;
          }
          var oldNameCrc32 = extraField.data.readUInt32LE(1);
          if (crc32(fileNameBuffer) !== oldNameCrc32) {
            continue;
          }
          fileName = decodeBuffer(extraField.data.subarray(5), true);
          break;
        }
      }
      if (fileName == null) {
        var isUtf83 = (generalPurposeBitFlag & 2048) !== 0;
        fileName = decodeBuffer(fileNameBuffer, isUtf83);
      }
      if (!strictFileNames) {
        fileName = fileName.replace(/\\/g, "/");
      }
      return fileName;
    }
    function validateFileName(fileName) {
      if (fileName.indexOf("\\") !== -1) {
        return "invalid characters in fileName: " + fileName;
      }
      if (/^[a-zA-Z]:/.test(fileName) || /^\//.test(fileName)) {
        return "absolute path: " + fileName;
      }
      if (fileName.split("/").indexOf("..") !== -1) {
        return "invalid relative path: " + fileName;
      }
      return null;
    }
    function parseExtraFields(extraFieldBuffer) {
      var extraFields = [];
      var i = 0;
      while (i < extraFieldBuffer.length - 3) {
        var headerId = extraFieldBuffer.readUInt16LE(i + 0);
        var dataSize = extraFieldBuffer.readUInt16LE(i + 2);
        var dataStart = i + 4;
        var dataEnd = dataStart + dataSize;
        if (dataEnd > extraFieldBuffer.length) throw new Error("extra field length exceeds extra field buffer size");
        var dataBuffer = extraFieldBuffer.subarray(dataStart, dataEnd);
        extraFields.push({
          id: headerId,
          data: dataBuffer
        });
        i = dataEnd;
      }
      return extraFields;
    }
    function readAndAssertNoEof(reader, buffer, offset, length, position, callback) {
      if (length === 0) {
        return setImmediate(function() {
          callback(null, newBuffer(0));
        });
      }
      reader.read(buffer, offset, length, position, function(err, bytesRead) {
        if (err) return callback(err);
        if (bytesRead < length) {
          return callback(new Error("unexpected EOF"));
        }
        callback();
      });
    }
    util.inherits(AssertByteCountStream, Transform);
    function AssertByteCountStream(byteCount) {
      Transform.call(this);
      this.actualByteCount = 0;
      this.expectedByteCount = byteCount;
    }
    AssertByteCountStream.prototype._transform = function(chunk, encoding, cb) {
      this.actualByteCount += chunk.length;
      if (this.actualByteCount > this.expectedByteCount) {
        var msg = "too many bytes in the stream. expected " + this.expectedByteCount + ". got at least " + this.actualByteCount;
        return cb(new Error(msg));
      }
      cb(null, chunk);
    };
    AssertByteCountStream.prototype._flush = function(cb) {
      if (this.actualByteCount < this.expectedByteCount) {
        var msg = "not enough bytes in the stream. expected " + this.expectedByteCount + ". got only " + this.actualByteCount;
        return cb(new Error(msg));
      }
      cb();
    };
    util.inherits(RandomAccessReader, EventEmitter);
    function RandomAccessReader() {
      EventEmitter.call(this);
      this.refCount = 0;
    }
    RandomAccessReader.prototype.ref = function() {
      this.refCount += 1;
    };
    RandomAccessReader.prototype.unref = function() {
      var self = this;
      self.refCount -= 1;
      if (self.refCount > 0) return;
      if (self.refCount < 0) throw new Error("invalid unref");
      self.close(onCloseDone);
      function onCloseDone(err) {
        if (err) return self.emit("error", err);
        self.emit("close");
      }
    };
    RandomAccessReader.prototype.createReadStream = function(options2) {
      if (options2 == null) options2 = {};
      var start = options2.start;
      var end = options2.end;
      if (start === end) {
        var emptyStream = new PassThrough();
        setImmediate(function() {
          emptyStream.end();
        });
        return emptyStream;
      }
      var stream = this._readStreamForRange(start, end);
      var destroyed = false;
      var refUnrefFilter = new RefUnrefFilter(this);
      stream.on("error", function(err) {
        setImmediate(function() {
          if (!destroyed) refUnrefFilter.emit("error", err);
        });
      });
      installDestroyFn(refUnrefFilter, function() {
        stream.unpipe(refUnrefFilter);
        refUnrefFilter.unref();
        stream.destroy();
      });
      var byteCounter = new AssertByteCountStream(end - start);
      refUnrefFilter.on("error", function(err) {
        setImmediate(function() {
          if (!destroyed) byteCounter.emit("error", err);
        });
      });
      installDestroyFn(byteCounter, function() {
        destroyed = true;
        refUnrefFilter.unpipe(byteCounter);
        refUnrefFilter.destroy();
      });
      return stream.pipe(refUnrefFilter).pipe(byteCounter);
    };
    RandomAccessReader.prototype._readStreamForRange = function(start, end) {
      throw new Error("not implemented");
    };
    RandomAccessReader.prototype.read = function(buffer, offset, length, position, callback) {
      var readStream = this.createReadStream({ start: position, end: position + length });
      var writeStream = new Writable();
      var written = 0;
      writeStream._write = function(chunk, encoding, cb) {
        chunk.copy(buffer, offset + written, 0, chunk.length);
        written += chunk.length;
        cb();
      };
      writeStream.on("finish", callback);
      readStream.on("error", function(error) {
        callback(error);
      });
      readStream.pipe(writeStream);
    };
    RandomAccessReader.prototype.close = function(callback) {
      setImmediate(callback);
    };
    util.inherits(RefUnrefFilter, PassThrough);
    function RefUnrefFilter(context) {
      PassThrough.call(this);
      this.context = context;
      this.context.ref();
      this.unreffedYet = false;
    }
    RefUnrefFilter.prototype._flush = function(cb) {
      this.unref();
      cb();
    };
    RefUnrefFilter.prototype.unref = function(cb) {
      if (this.unreffedYet) return;
      this.unreffedYet = true;
      this.context.unref();
    };
    var cp437 = "\0\u263A\u263B\u2665\u2666\u2663\u2660\u2022\u25D8\u25CB\u25D9\u2642\u2640\u266A\u266B\u263C\u25BA\u25C4\u2195\u203C\xB6\xA7\u25AC\u21A8\u2191\u2193\u2192\u2190\u221F\u2194\u25B2\u25BC !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u2302\xC7\xFC\xE9\xE2\xE4\xE0\xE5\xE7\xEA\xEB\xE8\xEF\xEE\xEC\xC4\xC5\xC9\xE6\xC6\xF4\xF6\xF2\xFB\xF9\xFF\xD6\xDC\xA2\xA3\xA5\u20A7\u0192\xE1\xED\xF3\xFA\xF1\xD1\xAA\xBA\xBF\u2310\xAC\xBD\xBC\xA1\xAB\xBB\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255D\u255C\u255B\u2510\u2514\u2534\u252C\u251C\u2500\u253C\u255E\u255F\u255A\u2554\u2569\u2566\u2560\u2550\u256C\u2567\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256B\u256A\u2518\u250C\u2588\u2584\u258C\u2590\u2580\u03B1\xDF\u0393\u03C0\u03A3\u03C3\xB5\u03C4\u03A6\u0398\u03A9\u03B4\u221E\u03C6\u03B5\u2229\u2261\xB1\u2265\u2264\u2320\u2321\xF7\u2248\xB0\u2219\xB7\u221A\u207F\xB2\u25A0\xA0";
    function decodeBuffer(buffer, isUtf83) {
      if (isUtf83) {
        return buffer.toString("utf8");
      } else {
        var result = "";
        for (var i = 0; i < buffer.length; i++) {
          result += cp437[buffer[i]];
        }
        return result;
      }
    }
    function readUInt64LE(buffer, offset) {
      var lower32 = buffer.readUInt32LE(offset);
      var upper32 = buffer.readUInt32LE(offset + 4);
      return upper32 * 4294967296 + lower32;
    }
    var newBuffer;
    if (typeof Buffer.allocUnsafe === "function") {
      newBuffer = function(len) {
        return Buffer.allocUnsafe(len);
      };
    } else {
      newBuffer = function(len) {
        return new Buffer(len);
      };
    }
    function installDestroyFn(stream, fn) {
      if (typeof stream.destroy === "function") {
        stream._destroy = function(err, cb) {
          fn();
          if (cb != null) cb(err);
        };
      } else {
        stream.destroy = fn;
      }
    }
    function defaultCallback(err) {
      if (err) throw err;
    }
  }
});

// node_modules/picomatch/lib/constants.js
var require_constants = __commonJS({
  "node_modules/picomatch/lib/constants.js"(exports, module) {
    "use strict";
    var WIN_SLASH = "\\\\/";
    var WIN_NO_SLASH = `[^${WIN_SLASH}]`;
    var DEFAULT_MAX_EXTGLOB_RECURSION = 0;
    var DOT_LITERAL = "\\.";
    var PLUS_LITERAL = "\\+";
    var QMARK_LITERAL = "\\?";
    var SLASH_LITERAL = "\\/";
    var ONE_CHAR = "(?=.)";
    var QMARK = "[^/]";
    var END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
    var START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
    var DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
    var NO_DOT = `(?!${DOT_LITERAL})`;
    var NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
    var NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
    var NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
    var QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
    var STAR = `${QMARK}*?`;
    var SEP = "/";
    var POSIX_CHARS = {
      DOT_LITERAL,
      PLUS_LITERAL,
      QMARK_LITERAL,
      SLASH_LITERAL,
      ONE_CHAR,
      QMARK,
      END_ANCHOR,
      DOTS_SLASH,
      NO_DOT,
      NO_DOTS,
      NO_DOT_SLASH,
      NO_DOTS_SLASH,
      QMARK_NO_DOT,
      STAR,
      START_ANCHOR,
      SEP
    };
    var WINDOWS_CHARS = {
      ...POSIX_CHARS,
      SLASH_LITERAL: `[${WIN_SLASH}]`,
      QMARK: WIN_NO_SLASH,
      STAR: `${WIN_NO_SLASH}*?`,
      DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
      NO_DOT: `(?!${DOT_LITERAL})`,
      NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
      NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
      START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
      END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
      SEP: "\\"
    };
    var POSIX_REGEX_SOURCE = {
      __proto__: null,
      alnum: "a-zA-Z0-9",
      alpha: "a-zA-Z",
      ascii: "\\x00-\\x7F",
      blank: " \\t",
      cntrl: "\\x00-\\x1F\\x7F",
      digit: "0-9",
      graph: "\\x21-\\x7E",
      lower: "a-z",
      print: "\\x20-\\x7E ",
      punct: "\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",
      space: " \\t\\r\\n\\v\\f",
      upper: "A-Z",
      word: "A-Za-z0-9_",
      xdigit: "A-Fa-f0-9"
    };
    module.exports = {
      DEFAULT_MAX_EXTGLOB_RECURSION,
      MAX_LENGTH: 1024 * 64,
      POSIX_REGEX_SOURCE,
      // regular expressions
      REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
      REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
      REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
      REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
      REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
      REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,
      // Replace globs with equivalent patterns to reduce parsing time.
      REPLACEMENTS: {
        __proto__: null,
        "***": "*",
        "**/**": "**",
        "**/**/**": "**"
      },
      // Digits
      CHAR_0: 48,
      /* 0 */
      CHAR_9: 57,
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: 65,
      /* A */
      CHAR_LOWERCASE_A: 97,
      /* a */
      CHAR_UPPERCASE_Z: 90,
      /* Z */
      CHAR_LOWERCASE_Z: 122,
      /* z */
      CHAR_LEFT_PARENTHESES: 40,
      /* ( */
      CHAR_RIGHT_PARENTHESES: 41,
      /* ) */
      CHAR_ASTERISK: 42,
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: 38,
      /* & */
      CHAR_AT: 64,
      /* @ */
      CHAR_BACKWARD_SLASH: 92,
      /* \ */
      CHAR_CARRIAGE_RETURN: 13,
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: 94,
      /* ^ */
      CHAR_COLON: 58,
      /* : */
      CHAR_COMMA: 44,
      /* , */
      CHAR_DOT: 46,
      /* . */
      CHAR_DOUBLE_QUOTE: 34,
      /* " */
      CHAR_EQUAL: 61,
      /* = */
      CHAR_EXCLAMATION_MARK: 33,
      /* ! */
      CHAR_FORM_FEED: 12,
      /* \f */
      CHAR_FORWARD_SLASH: 47,
      /* / */
      CHAR_GRAVE_ACCENT: 96,
      /* ` */
      CHAR_HASH: 35,
      /* # */
      CHAR_HYPHEN_MINUS: 45,
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: 60,
      /* < */
      CHAR_LEFT_CURLY_BRACE: 123,
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: 91,
      /* [ */
      CHAR_LINE_FEED: 10,
      /* \n */
      CHAR_NO_BREAK_SPACE: 160,
      /* \u00A0 */
      CHAR_PERCENT: 37,
      /* % */
      CHAR_PLUS: 43,
      /* + */
      CHAR_QUESTION_MARK: 63,
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: 62,
      /* > */
      CHAR_RIGHT_CURLY_BRACE: 125,
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: 93,
      /* ] */
      CHAR_SEMICOLON: 59,
      /* ; */
      CHAR_SINGLE_QUOTE: 39,
      /* ' */
      CHAR_SPACE: 32,
      /*   */
      CHAR_TAB: 9,
      /* \t */
      CHAR_UNDERSCORE: 95,
      /* _ */
      CHAR_VERTICAL_LINE: 124,
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279,
      /* \uFEFF */
      /**
       * Create EXTGLOB_CHARS
       */
      extglobChars(chars) {
        return {
          "!": { type: "negate", open: "(?:(?!(?:", close: `))${chars.STAR})` },
          "?": { type: "qmark", open: "(?:", close: ")?" },
          "+": { type: "plus", open: "(?:", close: ")+" },
          "*": { type: "star", open: "(?:", close: ")*" },
          "@": { type: "at", open: "(?:", close: ")" }
        };
      },
      /**
       * Create GLOB_CHARS
       */
      globChars(win32) {
        return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
      }
    };
  }
});

// node_modules/picomatch/lib/utils.js
var require_utils = __commonJS({
  "node_modules/picomatch/lib/utils.js"(exports) {
    "use strict";
    var {
      REGEX_BACKSLASH,
      REGEX_REMOVE_BACKSLASH,
      REGEX_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_GLOBAL
    } = require_constants();
    exports.isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    exports.hasRegexChars = (str) => REGEX_SPECIAL_CHARS.test(str);
    exports.isRegexChar = (str) => str.length === 1 && exports.hasRegexChars(str);
    exports.escapeRegex = (str) => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, "\\$1");
    exports.toPosixSlashes = (str) => str.replace(REGEX_BACKSLASH, "/");
    exports.isWindows = () => {
      if (typeof navigator !== "undefined" && navigator.platform) {
        const platform = navigator.platform.toLowerCase();
        return platform === "win32" || platform === "windows";
      }
      if (typeof process !== "undefined" && process.platform) {
        return process.platform === "win32";
      }
      return false;
    };
    exports.removeBackslashes = (str) => {
      return str.replace(REGEX_REMOVE_BACKSLASH, (match) => {
        return match === "\\" ? "" : match;
      });
    };
    exports.escapeLast = (input, char, lastIdx) => {
      const idx = input.lastIndexOf(char, lastIdx);
      if (idx === -1) return input;
      if (input[idx - 1] === "\\") return exports.escapeLast(input, char, idx - 1);
      return `${input.slice(0, idx)}\\${input.slice(idx)}`;
    };
    exports.removePrefix = (input, state = {}) => {
      let output = input;
      if (output.startsWith("./")) {
        output = output.slice(2);
        state.prefix = "./";
      }
      return output;
    };
    exports.wrapOutput = (input, state = {}, options2 = {}) => {
      const prepend = options2.contains ? "" : "^";
      const append = options2.contains ? "" : "$";
      let output = `${prepend}(?:${input})${append}`;
      if (state.negated === true) {
        output = `(?:^(?!${output}).*$)`;
      }
      return output;
    };
    exports.basename = (path, { windows } = {}) => {
      const segs = path.split(windows ? /[\\/]/ : "/");
      const last = segs[segs.length - 1];
      if (last === "") {
        return segs[segs.length - 2];
      }
      return last;
    };
  }
});

// node_modules/picomatch/lib/scan.js
var require_scan = __commonJS({
  "node_modules/picomatch/lib/scan.js"(exports, module) {
    "use strict";
    var utils = require_utils();
    var {
      CHAR_ASTERISK,
      /* * */
      CHAR_AT,
      /* @ */
      CHAR_BACKWARD_SLASH,
      /* \ */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_EXCLAMATION_MARK,
      /* ! */
      CHAR_FORWARD_SLASH,
      /* / */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_PLUS,
      /* + */
      CHAR_QUESTION_MARK,
      /* ? */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_RIGHT_SQUARE_BRACKET
      /* ] */
    } = require_constants();
    var isPathSeparator = (code) => {
      return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
    };
    var depth = (token) => {
      if (token.isPrefix !== true) {
        token.depth = token.isGlobstar ? Infinity : 1;
      }
    };
    var scan2 = (input, options2) => {
      const opts = options2 || {};
      const length = input.length - 1;
      const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
      const slashes = [];
      const tokens = [];
      const parts = [];
      let str = input;
      let index = -1;
      let start = 0;
      let lastIndex = 0;
      let isBrace = false;
      let isBracket = false;
      let isGlob = false;
      let isExtglob = false;
      let isGlobstar = false;
      let braceEscaped = false;
      let backslashes = false;
      let negated = false;
      let negatedExtglob = false;
      let finished = false;
      let braces = 0;
      let prev;
      let code;
      let token = { value: "", depth: 0, isGlob: false };
      const eos = () => index >= length;
      const peek = () => str.charCodeAt(index + 1);
      const advance = () => {
        prev = code;
        return str.charCodeAt(++index);
      };
      while (index < length) {
        code = advance();
        let next;
        if (code === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          code = advance();
          if (code === CHAR_LEFT_CURLY_BRACE) {
            braceEscaped = true;
          }
          continue;
        }
        if (braceEscaped === true || code === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          while (eos() !== true && (code = advance())) {
            if (code === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (code === CHAR_LEFT_CURLY_BRACE) {
              braces++;
              continue;
            }
            if (braceEscaped !== true && code === CHAR_DOT && (code = advance()) === CHAR_DOT) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (braceEscaped !== true && code === CHAR_COMMA) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (code === CHAR_RIGHT_CURLY_BRACE) {
              braces--;
              if (braces === 0) {
                braceEscaped = false;
                isBrace = token.isBrace = true;
                finished = true;
                break;
              }
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_FORWARD_SLASH) {
          slashes.push(index);
          tokens.push(token);
          token = { value: "", depth: 0, isGlob: false };
          if (finished === true) continue;
          if (prev === CHAR_DOT && index === start + 1) {
            start += 2;
            continue;
          }
          lastIndex = index + 1;
          continue;
        }
        if (opts.noext !== true) {
          const isExtglobChar = code === CHAR_PLUS || code === CHAR_AT || code === CHAR_ASTERISK || code === CHAR_QUESTION_MARK || code === CHAR_EXCLAMATION_MARK;
          if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
            isGlob = token.isGlob = true;
            isExtglob = token.isExtglob = true;
            finished = true;
            if (code === CHAR_EXCLAMATION_MARK && index === start) {
              negatedExtglob = true;
            }
            if (scanToEnd === true) {
              let parens = 0;
              while (eos() !== true && (code = advance())) {
                if (code === CHAR_BACKWARD_SLASH) {
                  backslashes = token.backslashes = true;
                  advance();
                  continue;
                }
                if (code === CHAR_LEFT_PARENTHESES) {
                  parens++;
                  continue;
                }
                if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                  finished = true;
                  break;
                }
              }
              continue;
            }
            break;
          }
        }
        if (code === CHAR_ASTERISK) {
          if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_QUESTION_MARK) {
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_LEFT_SQUARE_BRACKET) {
          while (eos() !== true && (next = advance())) {
            if (next === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (next === CHAR_RIGHT_SQUARE_BRACKET) {
              isBracket = token.isBracket = true;
              isGlob = token.isGlob = true;
              finished = true;
              break;
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (opts.nonegate !== true && code === CHAR_EXCLAMATION_MARK && index === start) {
          negated = token.negated = true;
          start++;
          continue;
        }
        if (opts.noparen !== true && code === CHAR_LEFT_PARENTHESES) {
          isGlob = token.isGlob = true;
          if (scanToEnd === true) {
            let parens = 1;
            while (eos() !== true && (code = advance())) {
              if (code === CHAR_BACKWARD_SLASH) {
                backslashes = token.backslashes = true;
                advance();
                continue;
              }
              if (code === CHAR_LEFT_PARENTHESES) {
                parens++;
                continue;
              }
              if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                finished = true;
                break;
              }
            }
            continue;
          }
          break;
        }
        if (isGlob === true) {
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
      }
      if (opts.noext === true) {
        isExtglob = false;
        isGlob = false;
      }
      let base = str;
      let prefix = "";
      let glob = "";
      if (start > 0) {
        prefix = str.slice(0, start);
        str = str.slice(start);
        lastIndex -= start;
      }
      if (base && isGlob === true && lastIndex > 0) {
        base = str.slice(0, lastIndex);
        glob = str.slice(lastIndex);
      } else if (isGlob === true) {
        base = "";
        glob = str;
      } else {
        base = str;
      }
      if (base && base !== "" && base !== "/" && base !== str) {
        if (isPathSeparator(base.charCodeAt(base.length - 1))) {
          base = base.slice(0, -1);
        }
      }
      if (opts.unescape === true) {
        if (glob) glob = utils.removeBackslashes(glob);
        if (base && backslashes === true) {
          base = utils.removeBackslashes(base);
        }
      }
      const state = {
        prefix,
        input,
        start,
        base,
        glob,
        isBrace,
        isBracket,
        isGlob,
        isExtglob,
        isGlobstar,
        negated,
        negatedExtglob
      };
      if (opts.tokens === true) {
        state.maxDepth = 0;
        if (!isPathSeparator(code)) {
          tokens.push(token);
        }
        state.tokens = tokens;
      }
      if (opts.parts === true || opts.tokens === true) {
        let prevIndex;
        for (let idx = 0; idx < slashes.length; idx++) {
          const n2 = prevIndex !== void 0 ? prevIndex + 1 : start;
          const i = slashes[idx];
          const value2 = input.slice(n2, i);
          if (opts.tokens) {
            if (idx === 0 && start !== 0) {
              tokens[idx].isPrefix = true;
              tokens[idx].value = prefix;
            } else {
              tokens[idx].value = value2;
            }
            depth(tokens[idx]);
            state.maxDepth += tokens[idx].depth;
          }
          if (i >= start) {
            parts.push(value2);
            prevIndex = i;
          }
        }
        const n = prevIndex !== void 0 ? prevIndex + 1 : start;
        const value = input.slice(n);
        parts.push(value);
        if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
          tokens[tokens.length - 1].value = value;
          depth(tokens[tokens.length - 1]);
          state.maxDepth += tokens[tokens.length - 1].depth;
        }
        state.slashes = slashes;
        state.parts = parts;
      }
      return state;
    };
    module.exports = scan2;
  }
});

// node_modules/picomatch/lib/parse.js
var require_parse = __commonJS({
  "node_modules/picomatch/lib/parse.js"(exports, module) {
    "use strict";
    var constants2 = require_constants();
    var utils = require_utils();
    var {
      MAX_LENGTH,
      POSIX_REGEX_SOURCE,
      REGEX_NON_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_BACKREF,
      REPLACEMENTS
    } = constants2;
    var expandRange = (args, options2) => {
      if (typeof options2.expandRange === "function") {
        return options2.expandRange(...args, options2);
      }
      args.sort();
      const value = `[${args.join("-")}]`;
      try {
        new RegExp(value);
      } catch (ex) {
        return args.map((v) => utils.escapeRegex(v)).join("..");
      }
      return value;
    };
    var syntaxError = (type, char) => {
      return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
    };
    var splitTopLevel = (input) => {
      const parts = [];
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let value = "";
      let escaped = false;
      for (const ch of input) {
        if (escaped === true) {
          value += ch;
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          value += ch;
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          value += ch;
          continue;
        }
        if (quote === 0) {
          if (ch === "[") {
            bracket++;
          } else if (ch === "]" && bracket > 0) {
            bracket--;
          } else if (bracket === 0) {
            if (ch === "(") {
              paren++;
            } else if (ch === ")" && paren > 0) {
              paren--;
            } else if (ch === "|" && paren === 0) {
              parts.push(value);
              value = "";
              continue;
            }
          }
        }
        value += ch;
      }
      parts.push(value);
      return parts;
    };
    var isPlainBranch = (branch) => {
      let escaped = false;
      for (const ch of branch) {
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (/[?*+@!()[\]{}]/.test(ch)) {
          return false;
        }
      }
      return true;
    };
    var normalizeSimpleBranch = (branch) => {
      let value = branch.trim();
      let changed = true;
      while (changed === true) {
        changed = false;
        if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
          value = value.slice(2, -1);
          changed = true;
        }
      }
      if (!isPlainBranch(value)) {
        return;
      }
      return value.replace(/\\(.)/g, "$1");
    };
    var hasRepeatedCharPrefixOverlap = (branches) => {
      const values = branches.map(normalizeSimpleBranch).filter(Boolean);
      for (let i = 0; i < values.length; i++) {
        for (let j = i + 1; j < values.length; j++) {
          const a = values[i];
          const b = values[j];
          const char = a[0];
          if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
            continue;
          }
          if (a === b || a.startsWith(b) || b.startsWith(a)) {
            return true;
          }
        }
      }
      return false;
    };
    var parseRepeatedExtglob = (pattern, requireEnd = true) => {
      if (pattern[0] !== "+" && pattern[0] !== "*" || pattern[1] !== "(") {
        return;
      }
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let escaped = false;
      for (let i = 1; i < pattern.length; i++) {
        const ch = pattern[i];
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          continue;
        }
        if (quote === 1) {
          continue;
        }
        if (ch === "[") {
          bracket++;
          continue;
        }
        if (ch === "]" && bracket > 0) {
          bracket--;
          continue;
        }
        if (bracket > 0) {
          continue;
        }
        if (ch === "(") {
          paren++;
          continue;
        }
        if (ch === ")") {
          paren--;
          if (paren === 0) {
            if (requireEnd === true && i !== pattern.length - 1) {
              return;
            }
            return {
              type: pattern[0],
              body: pattern.slice(2, i),
              end: i
            };
          }
        }
      }
    };
    var buildCharClassStar = (chars) => {
      const source = chars.length === 1 ? utils.escapeRegex(chars[0]) : `[${chars.map((ch) => utils.escapeRegex(ch)).join("")}]`;
      return `${source}*`;
    };
    var getStarExtglobSequenceChars = (pattern) => {
      let index = 0;
      const chars = [];
      while (index < pattern.length) {
        const match = parseRepeatedExtglob(pattern.slice(index), false);
        if (!match || match.type !== "*") {
          return;
        }
        const branches = splitTopLevel(match.body).map((branch2) => branch2.trim());
        if (branches.length !== 1) {
          return;
        }
        const branch = normalizeSimpleBranch(branches[0]);
        if (!branch || branch.length !== 1) {
          return;
        }
        chars.push(branch);
        index += match.end + 1;
      }
      if (chars.length < 1) {
        return;
      }
      return chars;
    };
    var repeatedExtglobRecursion = (pattern) => {
      let depth = 0;
      let value = pattern.trim();
      let match = parseRepeatedExtglob(value);
      while (match) {
        depth++;
        value = match.body.trim();
        match = parseRepeatedExtglob(value);
      }
      return depth;
    };
    var analyzeRepeatedExtglob = (body, options2) => {
      if (options2.maxExtglobRecursion === false) {
        return { risky: false };
      }
      const max = typeof options2.maxExtglobRecursion === "number" ? options2.maxExtglobRecursion : constants2.DEFAULT_MAX_EXTGLOB_RECURSION;
      const branches = splitTopLevel(body).map((branch) => branch.trim());
      if (branches.length > 1) {
        if (branches.some((branch) => branch === "") || branches.some((branch) => /^[*?]+$/.test(branch)) || hasRepeatedCharPrefixOverlap(branches)) {
          return { risky: true };
        }
      }
      const safeChars = [];
      let sawStarSequence = false;
      let combinable = true;
      for (const branch of branches) {
        const chars = getStarExtglobSequenceChars(branch);
        if (chars) {
          sawStarSequence = true;
          safeChars.push(...chars);
          continue;
        }
        const literal = normalizeSimpleBranch(branch);
        if (literal && literal.length === 1) {
          safeChars.push(literal);
          continue;
        }
        combinable = false;
        if (repeatedExtglobRecursion(branch) > max) {
          return { risky: true };
        }
      }
      if (sawStarSequence) {
        return combinable ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) } : { risky: true };
      }
      return { risky: false };
    };
    var parse = (input, options2) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected a string");
      }
      input = REPLACEMENTS[input] || input;
      const opts = { ...options2 };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      let len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      const bos = { type: "bos", value: "", output: opts.prepend || "" };
      const tokens = [bos];
      const capture = opts.capture ? "" : "?:";
      const PLATFORM_CHARS = constants2.globChars(opts.windows);
      const EXTGLOB_CHARS = constants2.extglobChars(PLATFORM_CHARS);
      const {
        DOT_LITERAL,
        PLUS_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOT_SLASH,
        NO_DOTS_SLASH,
        QMARK,
        QMARK_NO_DOT,
        STAR,
        START_ANCHOR
      } = PLATFORM_CHARS;
      const globstar = (opts2) => {
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const nodot = opts.dot ? "" : NO_DOT;
      const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
      let star = opts.bash === true ? globstar(opts) : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      if (typeof opts.noext === "boolean") {
        opts.noextglob = opts.noext;
      }
      const state = {
        input,
        index: -1,
        start: 0,
        dot: opts.dot === true,
        consumed: "",
        output: "",
        prefix: "",
        backtrack: false,
        negated: false,
        brackets: 0,
        braces: 0,
        parens: 0,
        quotes: 0,
        globstar: false,
        tokens
      };
      input = utils.removePrefix(input, state);
      len = input.length;
      const extglobs = [];
      const braces = [];
      const stack = [];
      let prev = bos;
      let value;
      const eos = () => state.index === len - 1;
      const peek = state.peek = (n = 1) => input[state.index + n];
      const advance = state.advance = () => input[++state.index] || "";
      const remaining = () => input.slice(state.index + 1);
      const consume = (value2 = "", num = 0) => {
        state.consumed += value2;
        state.index += num;
      };
      const append = (token) => {
        state.output += token.output != null ? token.output : token.value;
        consume(token.value);
      };
      const negate = () => {
        let count2 = 1;
        while (peek() === "!" && (peek(2) !== "(" || peek(3) === "?")) {
          advance();
          state.start++;
          count2++;
        }
        if (count2 % 2 === 0) {
          return false;
        }
        state.negated = true;
        state.start++;
        return true;
      };
      const increment = (type) => {
        state[type]++;
        stack.push(type);
      };
      const decrement = (type) => {
        state[type]--;
        stack.pop();
      };
      const push = (tok) => {
        if (prev.type === "globstar") {
          const isBrace = state.braces > 0 && (tok.type === "comma" || tok.type === "brace");
          const isExtglob = tok.extglob === true || extglobs.length && (tok.type === "pipe" || tok.type === "paren");
          if (tok.type !== "slash" && tok.type !== "paren" && !isBrace && !isExtglob) {
            state.output = state.output.slice(0, -prev.output.length);
            prev.type = "star";
            prev.value = "*";
            prev.output = star;
            state.output += prev.output;
          }
        }
        if (extglobs.length && tok.type !== "paren") {
          extglobs[extglobs.length - 1].inner += tok.value;
        }
        if (tok.value || tok.output) append(tok);
        if (prev && prev.type === "text" && tok.type === "text") {
          prev.output = (prev.output || prev.value) + tok.value;
          prev.value += tok.value;
          return;
        }
        tok.prev = prev;
        tokens.push(tok);
        prev = tok;
      };
      const extglobOpen = (type, value2) => {
        const token = { ...EXTGLOB_CHARS[value2], conditions: 1, inner: "" };
        token.prev = prev;
        token.parens = state.parens;
        token.output = state.output;
        token.startIndex = state.index;
        token.tokensIndex = tokens.length;
        const output = (opts.capture ? "(" : "") + token.open;
        increment("parens");
        push({ type, value: value2, output: state.output ? "" : ONE_CHAR });
        push({ type: "paren", extglob: true, value: advance(), output });
        extglobs.push(token);
      };
      const extglobClose = (token) => {
        const literal = input.slice(token.startIndex, state.index + 1);
        const body = input.slice(token.startIndex + 2, state.index);
        const analysis = analyzeRepeatedExtglob(body, opts);
        if ((token.type === "plus" || token.type === "star") && analysis.risky) {
          const safeOutput = analysis.safeOutput ? (token.output ? "" : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput) : void 0;
          const open6 = tokens[token.tokensIndex];
          open6.type = "text";
          open6.value = literal;
          open6.output = safeOutput || utils.escapeRegex(literal);
          for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
            tokens[i].value = "";
            tokens[i].output = "";
            delete tokens[i].suffix;
          }
          state.output = token.output + open6.output;
          state.backtrack = true;
          push({ type: "paren", extglob: true, value, output: "" });
          decrement("parens");
          return;
        }
        let output = token.close + (opts.capture ? ")" : "");
        let rest;
        if (token.type === "negate") {
          let extglobStar = star;
          if (token.inner && token.inner.length > 1 && token.inner.includes("/")) {
            extglobStar = globstar(opts);
          }
          if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
            output = token.close = `)$))${extglobStar}`;
          }
          if (token.inner.includes("*") && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
            const expression = parse(rest, { ...options2, fastpaths: false }).output;
            output = token.close = `)${expression})${extglobStar})`;
          }
          if (token.prev.type === "bos") {
            state.negatedExtglob = true;
          }
        }
        push({ type: "paren", extglob: true, value, output });
        decrement("parens");
      };
      if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
        let backslashes = false;
        let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
          if (first === "\\") {
            backslashes = true;
            return m;
          }
          if (first === "?") {
            if (esc) {
              return esc + first + (rest ? QMARK.repeat(rest.length) : "");
            }
            if (index === 0) {
              return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : "");
            }
            return QMARK.repeat(chars.length);
          }
          if (first === ".") {
            return DOT_LITERAL.repeat(chars.length);
          }
          if (first === "*") {
            if (esc) {
              return esc + first + (rest ? star : "");
            }
            return star;
          }
          return esc ? m : `\\${m}`;
        });
        if (backslashes === true) {
          if (opts.unescape === true) {
            output = output.replace(/\\/g, "");
          } else {
            output = output.replace(/\\+/g, (m) => {
              return m.length % 2 === 0 ? "\\\\" : m ? "\\" : "";
            });
          }
        }
        if (output === input && opts.contains === true) {
          state.output = input;
          return state;
        }
        state.output = utils.wrapOutput(output, state, options2);
        return state;
      }
      while (!eos()) {
        value = advance();
        if (value === "\0") {
          continue;
        }
        if (value === "\\") {
          const next = peek();
          if (next === "/" && opts.bash !== true) {
            continue;
          }
          if (next === "." || next === ";") {
            continue;
          }
          if (!next) {
            value += "\\";
            push({ type: "text", value });
            continue;
          }
          const match = /^\\+/.exec(remaining());
          let slashes = 0;
          if (match && match[0].length > 2) {
            slashes = match[0].length;
            state.index += slashes;
            if (slashes % 2 !== 0) {
              value += "\\";
            }
          }
          if (opts.unescape === true) {
            value = advance();
          } else {
            value += advance();
          }
          if (state.brackets === 0) {
            push({ type: "text", value });
            continue;
          }
        }
        if (state.brackets > 0 && (value !== "]" || prev.value === "[" || prev.value === "[^")) {
          if (opts.posix !== false && value === ":") {
            const inner = prev.value.slice(1);
            if (inner.includes("[")) {
              prev.posix = true;
              if (inner.includes(":")) {
                const idx = prev.value.lastIndexOf("[");
                const pre = prev.value.slice(0, idx);
                const rest2 = prev.value.slice(idx + 2);
                const posix = POSIX_REGEX_SOURCE[rest2];
                if (posix) {
                  prev.value = pre + posix;
                  state.backtrack = true;
                  advance();
                  if (!bos.output && tokens.indexOf(prev) === 1) {
                    bos.output = ONE_CHAR;
                  }
                  continue;
                }
              }
            }
          }
          if (value === "[" && peek() !== ":" || value === "-" && peek() === "]") {
            value = `\\${value}`;
          }
          if (value === "]" && (prev.value === "[" || prev.value === "[^")) {
            value = `\\${value}`;
          }
          if (opts.posix === true && value === "!" && prev.value === "[") {
            value = "^";
          }
          prev.value += value;
          append({ value });
          continue;
        }
        if (state.quotes === 1 && value !== '"') {
          value = utils.escapeRegex(value);
          prev.value += value;
          append({ value });
          continue;
        }
        if (value === '"') {
          state.quotes = state.quotes === 1 ? 0 : 1;
          if (opts.keepQuotes === true) {
            push({ type: "text", value });
          }
          continue;
        }
        if (value === "(") {
          increment("parens");
          push({ type: "paren", value });
          continue;
        }
        if (value === ")") {
          if (state.parens === 0 && opts.strictBrackets === true) {
            throw new SyntaxError(syntaxError("opening", "("));
          }
          const extglob = extglobs[extglobs.length - 1];
          if (extglob && state.parens === extglob.parens + 1) {
            extglobClose(extglobs.pop());
            continue;
          }
          push({ type: "paren", value, output: state.parens ? ")" : "\\)" });
          decrement("parens");
          continue;
        }
        if (value === "[") {
          if (opts.nobracket === true || !remaining().includes("]")) {
            if (opts.nobracket !== true && opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("closing", "]"));
            }
            value = `\\${value}`;
          } else {
            increment("brackets");
          }
          push({ type: "bracket", value });
          continue;
        }
        if (value === "]") {
          if (opts.nobracket === true || prev && prev.type === "bracket" && prev.value.length === 1) {
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          if (state.brackets === 0) {
            if (opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("opening", "["));
            }
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          decrement("brackets");
          const prevValue = prev.value.slice(1);
          if (prev.posix !== true && prevValue[0] === "^" && !prevValue.includes("/")) {
            value = `/${value}`;
          }
          prev.value += value;
          append({ value });
          if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
            continue;
          }
          const escaped = utils.escapeRegex(prev.value);
          state.output = state.output.slice(0, -prev.value.length);
          if (opts.literalBrackets === true) {
            state.output += escaped;
            prev.value = escaped;
            continue;
          }
          prev.value = `(${capture}${escaped}|${prev.value})`;
          state.output += prev.value;
          continue;
        }
        if (value === "{" && opts.nobrace !== true) {
          increment("braces");
          const open6 = {
            type: "brace",
            value,
            output: "(",
            outputIndex: state.output.length,
            tokensIndex: state.tokens.length
          };
          braces.push(open6);
          push(open6);
          continue;
        }
        if (value === "}") {
          const brace = braces[braces.length - 1];
          if (opts.nobrace === true || !brace) {
            push({ type: "text", value, output: value });
            continue;
          }
          let output = ")";
          if (brace.dots === true) {
            const arr = tokens.slice();
            const range = [];
            for (let i = arr.length - 1; i >= 0; i--) {
              tokens.pop();
              if (arr[i].type === "brace") {
                break;
              }
              if (arr[i].type !== "dots") {
                range.unshift(arr[i].value);
              }
            }
            output = expandRange(range, opts);
            state.backtrack = true;
          }
          if (brace.comma !== true && brace.dots !== true) {
            const out = state.output.slice(0, brace.outputIndex);
            const toks = state.tokens.slice(brace.tokensIndex);
            brace.value = brace.output = "\\{";
            value = output = "\\}";
            state.output = out;
            for (const t of toks) {
              state.output += t.output || t.value;
            }
          }
          push({ type: "brace", value, output });
          decrement("braces");
          braces.pop();
          continue;
        }
        if (value === "|") {
          if (extglobs.length > 0) {
            extglobs[extglobs.length - 1].conditions++;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === ",") {
          let output = value;
          const brace = braces[braces.length - 1];
          if (brace && stack[stack.length - 1] === "braces") {
            brace.comma = true;
            output = "|";
          }
          push({ type: "comma", value, output });
          continue;
        }
        if (value === "/") {
          if (prev.type === "dot" && state.index === state.start + 1) {
            state.start = state.index + 1;
            state.consumed = "";
            state.output = "";
            tokens.pop();
            prev = bos;
            continue;
          }
          push({ type: "slash", value, output: SLASH_LITERAL });
          continue;
        }
        if (value === ".") {
          if (state.braces > 0 && prev.type === "dot") {
            if (prev.value === ".") prev.output = DOT_LITERAL;
            const brace = braces[braces.length - 1];
            prev.type = "dots";
            prev.output += value;
            prev.value += value;
            brace.dots = true;
            continue;
          }
          if (state.braces + state.parens === 0 && prev.type !== "bos" && prev.type !== "slash") {
            push({ type: "text", value, output: DOT_LITERAL });
            continue;
          }
          push({ type: "dot", value, output: DOT_LITERAL });
          continue;
        }
        if (value === "?") {
          const isGroup = prev && prev.value === "(";
          if (!isGroup && opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("qmark", value);
            continue;
          }
          if (prev && prev.type === "paren") {
            const next = peek();
            let output = value;
            if (prev.value === "(" && !/[!=<:]/.test(next) || next === "<" && !/<([!=]|\w+>)/.test(remaining())) {
              output = `\\${value}`;
            }
            push({ type: "text", value, output });
            continue;
          }
          if (opts.dot !== true && (prev.type === "slash" || prev.type === "bos")) {
            push({ type: "qmark", value, output: QMARK_NO_DOT });
            continue;
          }
          push({ type: "qmark", value, output: QMARK });
          continue;
        }
        if (value === "!") {
          if (opts.noextglob !== true && peek() === "(") {
            if (peek(2) !== "?" || !/[!=<:]/.test(peek(3))) {
              extglobOpen("negate", value);
              continue;
            }
          }
          if (opts.nonegate !== true && state.index === 0) {
            negate();
            continue;
          }
        }
        if (value === "+") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("plus", value);
            continue;
          }
          if (prev && prev.value === "(" || opts.regex === false) {
            push({ type: "plus", value, output: PLUS_LITERAL });
            continue;
          }
          if (prev && (prev.type === "bracket" || prev.type === "paren" || prev.type === "brace") || state.parens > 0) {
            push({ type: "plus", value });
            continue;
          }
          push({ type: "plus", value: PLUS_LITERAL });
          continue;
        }
        if (value === "@") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            push({ type: "at", extglob: true, value, output: "" });
            continue;
          }
          push({ type: "text", value });
          continue;
        }
        if (value !== "*") {
          if (value === "$" || value === "^") {
            value = `\\${value}`;
          }
          const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
          if (match) {
            value += match[0];
            state.index += match[0].length;
          }
          push({ type: "text", value });
          continue;
        }
        if (prev && (prev.type === "globstar" || prev.star === true)) {
          prev.type = "star";
          prev.star = true;
          prev.value += value;
          prev.output = star;
          state.backtrack = true;
          state.globstar = true;
          consume(value);
          continue;
        }
        let rest = remaining();
        if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
          extglobOpen("star", value);
          continue;
        }
        if (prev.type === "star") {
          if (opts.noglobstar === true) {
            consume(value);
            continue;
          }
          const prior = prev.prev;
          const before = prior.prev;
          const isStart = prior.type === "slash" || prior.type === "bos";
          const afterStar = before && (before.type === "star" || before.type === "globstar");
          if (opts.bash === true && (!isStart || rest[0] && rest[0] !== "/")) {
            push({ type: "star", value, output: "" });
            continue;
          }
          const isBrace = state.braces > 0 && (prior.type === "comma" || prior.type === "brace");
          const isExtglob = extglobs.length && (prior.type === "pipe" || prior.type === "paren");
          if (!isStart && prior.type !== "paren" && !isBrace && !isExtglob) {
            push({ type: "star", value, output: "" });
            continue;
          }
          while (rest.slice(0, 3) === "/**") {
            const after = input[state.index + 4];
            if (after && after !== "/") {
              break;
            }
            rest = rest.slice(3);
            consume("/**", 3);
          }
          const isEnd = eos() || state.parens > 0 && rest === ")".repeat(state.parens) && !extglobs.some((extglob) => extglob.type === "negate");
          if (prior.type === "bos" && eos()) {
            prev.type = "globstar";
            prev.value += value;
            prev.output = globstar(opts);
            state.output = prev.output;
            state.globstar = true;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && !afterStar && isEnd) {
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = globstar(opts) + (opts.strictSlashes ? ")" : "|$)");
            prev.value += value;
            state.globstar = true;
            state.output += prior.output + prev.output;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && rest[0] === "/") {
            const end = rest[1] !== void 0 ? "|$" : "";
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
            prev.value += value;
            state.output += prior.output + prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          if (prior.type === "bos" && rest[0] === "/") {
            prev.type = "globstar";
            prev.value += value;
            prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
            state.output = prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          state.output = state.output.slice(0, -prev.output.length);
          prev.type = "globstar";
          prev.output = globstar(opts);
          prev.value += value;
          state.output += prev.output;
          state.globstar = true;
          consume(value);
          continue;
        }
        const token = { type: "star", value, output: star };
        if (opts.bash === true) {
          token.output = ".*?";
          if (prev.type === "bos" || prev.type === "slash") {
            token.output = nodot + token.output;
          }
          push(token);
          continue;
        }
        if (prev && (prev.type === "bracket" || prev.type === "paren") && opts.regex === true) {
          token.output = value;
          push(token);
          continue;
        }
        if (state.index === state.start || prev.type === "slash" || prev.type === "dot") {
          if (prev.type === "dot") {
            state.output += NO_DOT_SLASH;
            prev.output += NO_DOT_SLASH;
          } else if (opts.dot === true) {
            state.output += NO_DOTS_SLASH;
            prev.output += NO_DOTS_SLASH;
          } else {
            state.output += nodot;
            prev.output += nodot;
          }
          if (peek() !== "*") {
            state.output += ONE_CHAR;
            prev.output += ONE_CHAR;
          }
        }
        push(token);
      }
      while (state.brackets > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "]"));
        state.output = utils.escapeLast(state.output, "[");
        decrement("brackets");
      }
      while (state.parens > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", ")"));
        state.output = utils.escapeLast(state.output, "(");
        decrement("parens");
      }
      while (state.braces > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "}"));
        state.output = utils.escapeLast(state.output, "{");
        decrement("braces");
      }
      if (opts.strictSlashes !== true && (prev.type === "star" || prev.type === "bracket")) {
        push({ type: "maybe_slash", value: "", output: `${SLASH_LITERAL}?` });
      }
      if (state.backtrack === true) {
        state.output = "";
        for (const token of state.tokens) {
          state.output += token.output != null ? token.output : token.value;
          if (token.suffix) {
            state.output += token.suffix;
          }
        }
      }
      return state;
    };
    parse.fastpaths = (input, options2) => {
      const opts = { ...options2 };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      const len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      input = REPLACEMENTS[input] || input;
      const {
        DOT_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOTS,
        NO_DOTS_SLASH,
        STAR,
        START_ANCHOR
      } = constants2.globChars(opts.windows);
      const nodot = opts.dot ? NO_DOTS : NO_DOT;
      const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
      const capture = opts.capture ? "" : "?:";
      const state = { negated: false, prefix: "" };
      let star = opts.bash === true ? ".*?" : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      const globstar = (opts2) => {
        if (opts2.noglobstar === true) return star;
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const create = (str) => {
        switch (str) {
          case "*":
            return `${nodot}${ONE_CHAR}${star}`;
          case ".*":
            return `${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*.*":
            return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*/*":
            return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;
          case "**":
            return nodot + globstar(opts);
          case "**/*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;
          case "**/*.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "**/.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;
          default: {
            const match = /^(.*?)\.(\w+)$/.exec(str);
            if (!match) return;
            const source2 = create(match[1]);
            if (!source2) return;
            return source2 + DOT_LITERAL + match[2];
          }
        }
      };
      const output = utils.removePrefix(input, state);
      let source = create(output);
      if (source && opts.strictSlashes !== true) {
        source += `${SLASH_LITERAL}?`;
      }
      return source;
    };
    module.exports = parse;
  }
});

// node_modules/picomatch/lib/picomatch.js
var require_picomatch = __commonJS({
  "node_modules/picomatch/lib/picomatch.js"(exports, module) {
    "use strict";
    var scan2 = require_scan();
    var parse = require_parse();
    var utils = require_utils();
    var constants2 = require_constants();
    var isObject2 = (val) => val && typeof val === "object" && !Array.isArray(val);
    var picomatch2 = (glob, options2, returnState = false) => {
      if (Array.isArray(glob)) {
        const fns = glob.map((input) => picomatch2(input, options2, returnState));
        const arrayMatcher = (str) => {
          for (const isMatch of fns) {
            const state2 = isMatch(str);
            if (state2) return state2;
          }
          return false;
        };
        return arrayMatcher;
      }
      const isState = isObject2(glob) && glob.tokens && glob.input;
      if (glob === "" || typeof glob !== "string" && !isState) {
        throw new TypeError("Expected pattern to be a non-empty string");
      }
      const opts = options2 || {};
      const posix = opts.windows;
      const regex = isState ? picomatch2.compileRe(glob, options2) : picomatch2.makeRe(glob, options2, false, true);
      const state = regex.state;
      delete regex.state;
      let isIgnored = () => false;
      if (opts.ignore) {
        const ignoreOpts = { ...options2, ignore: null, onMatch: null, onResult: null };
        isIgnored = picomatch2(opts.ignore, ignoreOpts, returnState);
      }
      const matcher = (input, returnObject = false) => {
        const { isMatch, match, output } = picomatch2.test(input, regex, options2, { glob, posix });
        const result = { glob, state, regex, posix, input, output, match, isMatch };
        if (typeof opts.onResult === "function") {
          opts.onResult(result);
        }
        if (isMatch === false) {
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (isIgnored(input)) {
          if (typeof opts.onIgnore === "function") {
            opts.onIgnore(result);
          }
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (typeof opts.onMatch === "function") {
          opts.onMatch(result);
        }
        return returnObject ? result : true;
      };
      if (returnState) {
        matcher.state = state;
      }
      return matcher;
    };
    picomatch2.test = (input, regex, options2, { glob, posix } = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected input to be a string");
      }
      if (input === "") {
        return { isMatch: false, output: "" };
      }
      const opts = options2 || {};
      const format = opts.format || (posix ? utils.toPosixSlashes : null);
      let match = input === glob;
      let output = match && format ? format(input) : input;
      if (match === false) {
        output = format ? format(input) : input;
        match = output === glob;
      }
      if (match === false || opts.capture === true) {
        if (opts.matchBase === true || opts.basename === true) {
          match = picomatch2.matchBase(input, regex, options2, posix);
        } else {
          match = regex.exec(output);
        }
      }
      return { isMatch: Boolean(match), match, output };
    };
    picomatch2.matchBase = (input, glob, options2, posix = options2 && options2.windows) => {
      const regex = glob instanceof RegExp ? glob : picomatch2.makeRe(glob, options2);
      return regex.test(utils.basename(input, { windows: posix }));
    };
    picomatch2.isMatch = (str, patterns, options2) => picomatch2(patterns, options2)(str);
    picomatch2.parse = (pattern, options2) => {
      if (Array.isArray(pattern)) return pattern.map((p) => picomatch2.parse(p, options2));
      return parse(pattern, { ...options2, fastpaths: false });
    };
    picomatch2.scan = (input, options2) => scan2(input, options2);
    picomatch2.compileRe = (state, options2, returnOutput = false, returnState = false) => {
      if (returnOutput === true) {
        return state.output;
      }
      const opts = options2 || {};
      const prepend = opts.contains ? "" : "^";
      const append = opts.contains ? "" : "$";
      let source = `${prepend}(?:${state.output})${append}`;
      if (state && state.negated === true) {
        source = `^(?!${source}).*$`;
      }
      const regex = picomatch2.toRegex(source, options2);
      if (returnState === true) {
        regex.state = state;
      }
      return regex;
    };
    picomatch2.makeRe = (input, options2 = {}, returnOutput = false, returnState = false) => {
      if (!input || typeof input !== "string") {
        throw new TypeError("Expected a non-empty string");
      }
      let parsed = { negated: false, fastpaths: true };
      if (options2.fastpaths !== false && (input[0] === "." || input[0] === "*")) {
        parsed.output = parse.fastpaths(input, options2);
      }
      if (!parsed.output) {
        parsed = parse(input, options2);
      }
      return picomatch2.compileRe(parsed, options2, returnOutput, returnState);
    };
    picomatch2.toRegex = (source, options2) => {
      try {
        const opts = options2 || {};
        return new RegExp(source, opts.flags || (opts.nocase ? "i" : ""));
      } catch (err) {
        if (options2 && options2.debug === true) throw err;
        return /$^/;
      }
    };
    picomatch2.constants = constants2;
    module.exports = picomatch2;
  }
});

// node_modules/picomatch/index.js
var require_picomatch2 = __commonJS({
  "node_modules/picomatch/index.js"(exports, module) {
    "use strict";
    var pico = require_picomatch();
    var utils = require_utils();
    function picomatch2(glob, options2, returnState = false) {
      if (options2 && (options2.windows === null || options2.windows === void 0)) {
        options2 = { ...options2, windows: utils.isWindows() };
      }
      return pico(glob, options2, returnState);
    }
    Object.assign(picomatch2, pico);
    module.exports = picomatch2;
  }
});

// src/relaunch.ts
import { spawn } from "node:child_process";
import { statSync } from "node:fs";
var GC_FLAG = "--single-threaded-gc";
var OPT_OUT = "RELEASE_GATE_NO_RELAUNCH";
var WORTH_IT = Number(process.env["RELEASE_GATE_RELAUNCH_MIN_BYTES"] ?? 64 * 1024 * 1024);
function worthRelaunching(target) {
  if (target === void 0) return false;
  try {
    const stats = statSync(target);
    return stats.isFile() && stats.size >= WORTH_IT;
  } catch {
    return false;
  }
}
async function relaunchForThroughput() {
  if (process.execArgv.includes(GC_FLAG) || process.env[OPT_OUT] === "1") return void 0;
  const script = process.argv[1];
  if (script === void 0) return void 0;
  const child = spawn(process.execPath, [GC_FLAG, ...process.execArgv, script, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, [OPT_OUT]: "1" }
  });
  const forward = (signal) => {
    child.kill(signal);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  try {
    return await new Promise((resolve) => {
      child.once("error", () => {
        resolve(void 0);
      });
      child.once("exit", (code, signal) => {
        resolve(code ?? (signal ? 128 + signalNumber(signal) : 2));
      });
    });
  } finally {
    process.off("SIGINT", forward);
    process.off("SIGTERM", forward);
  }
}
function signalNumber(signal) {
  return signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : signal === "SIGKILL" ? 9 : 1;
}

// src/cli/args.ts
import { parseArgs } from "node:util";

// src/errors.ts
var ScanError = class extends Error {
  name = "ScanError";
};
function describeFailure(error) {
  if (error instanceof ScanError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `internal error: ${oneLine(message)}; run again with --debug and report it with the output`;
}
function refuseUnavailable(names) {
  if (names.length === 0) return;
  const them = names.length === 1 ? "it" : "them";
  throw new ScanError(`${names.join(", ")} ${names.length === 1 ? "comes" : "come"} in a later version of release-gate; run the scan without ${them}`);
}
function oneLine(text) {
  return text.replace(/\s+/g, " ").trim();
}

// src/model.ts
var SCHEMA_VERSION = 1;
var ENTRY_TYPES = ["file", "dir", "symlink", "hardlink", "other"];
var SPECIAL_KINDS = ["char-device", "block-device", "fifo", "socket", "contiguous", "unknown"];
var ECOSYSTEMS = [
  "npm",
  "Packagist",
  "PyPI",
  "RubyGems",
  "Go",
  "Maven",
  "crates.io",
  "NuGet",
  "Debian",
  "Alpine"
];
var FINDING_KINDS = [
  "vulnerability",
  "config-change",
  "sensitive-file",
  "secret",
  "permission",
  "unsafe-path",
  "parse-error"
];
var SEVERITIES = ["critical", "high", "medium", "low", "info"];
var FINDING_STATUSES = ["new", "existing", "accepted"];
var TARGET_FORMATS = ["tar", "tar.gz", "zip", "dir", "report"];
var VERDICTS = ["pass", "warn", "fail"];

// src/policy/values.ts
var THRESHOLDS = SEVERITIES.filter((severity) => severity !== "info");
function parseKinds(list3) {
  const kinds = list3.split(",").map((kind) => kind.trim()).filter((kind) => kind.length > 0);
  for (const kind of kinds) {
    if (!FINDING_KINDS.includes(kind)) {
      throw new ScanError(`unknown finding kind '${kind}' in fail-on; use a comma list of: ${FINDING_KINDS.join(", ")}`);
    }
  }
  return kinds;
}
function parseSeverity(value) {
  const level = value.trim().toLowerCase();
  if (!THRESHOLDS.includes(level)) {
    throw new ScanError(`unknown severity '${value}'; use one of: ${THRESHOLDS.join(", ")}`);
  }
  return level;
}

// src/cli/args.ts
var SCAN_OPTIONS = {
  baseline: { type: "string" },
  root: { type: "string" },
  "baseline-root": { type: "string" },
  advisories: { type: "string", multiple: true },
  offline: { type: "boolean" },
  "allow-source-failure": { type: "boolean" },
  config: { type: "string" },
  "fail-on": { type: "string" },
  severity: { type: "string" },
  "only-new": { type: "boolean" },
  all: { type: "boolean" },
  report: { type: "string" },
  sarif: { type: "string" },
  sbom: { type: "string" },
  summary: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" }
};
function parseCommandLine(argv2) {
  const [first, ...rest] = argv2;
  if (first === void 0 || first === "--help" || first === "-h" || first === "help") return { command: "help", topic: "main" };
  if (first === "--version" || first === "-V") return { command: "version" };
  if (first !== "scan") {
    throw new ScanError(`unknown command '${first}'; run 'release-gate scan <package>' (see release-gate --help)`);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: SCAN_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ScanError(`${argumentProblem(error)}; see release-gate scan --help`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: "help", topic: "scan" };
  if (positionals.length === 0) throw new ScanError("scan needs a package: release-gate scan <file.tar.gz|file.zip|directory>");
  if (positionals.length > 1) {
    throw new ScanError(`scan takes one package, got ${positionals.length} (${positionals.join(", ")}); run one scan per package`);
  }
  if (values["only-new"] && values.all) throw new ScanError("--only-new and --all contradict each other; pass one of them");
  const options2 = {
    target: positionals[0],
    advisories: values.advisories ?? [],
    offline: values.offline ?? false,
    allowSourceFailure: values["allow-source-failure"] ?? false,
    quiet: values.quiet ?? false,
    debug: values.debug ?? false
  };
  const failOn = values["fail-on"];
  if (failOn !== void 0) options2.failOn = parseKinds(failOn);
  const severity = values.severity;
  if (severity !== void 0) options2.severity = parseSeverity(severity);
  if (values["only-new"]) options2.onlyNew = true;
  if (values.all) options2.onlyNew = false;
  for (const key of ["baseline", "config", "report", "sarif", "sbom", "summary"]) {
    const value = values[key];
    if (value === "") throw new ScanError(`--${key} needs a path`);
    if (value !== void 0) options2[key] = value;
  }
  if (values.root !== void 0) {
    if (options2.baseline === void 0) throw new ScanError("--root needs --baseline");
    options2.root = values.root;
  }
  if (values["baseline-root"] !== void 0) {
    if (options2.baseline === void 0) throw new ScanError("--baseline-root needs --baseline");
    options2.baselineRoot = values["baseline-root"];
  }
  return { command: "scan", options: options2 };
}
function argumentProblem(error) {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const missing = /Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message);
  if (missing) return `${missing[1] ?? "an option"} needs a value`;
  return message.split("\n")[0] ?? message;
}
var MAIN_HELP = `release-gate: what a release package brings that production does not have yet, and whether any of it is a threat.

Usage:
  release-gate scan <package> [options]   scan a .tar, .tar.gz, .tgz or .zip package, or a directory
  release-gate --help                     this text (release-gate scan --help for the options)
  release-gate --version                  the version

Exit status: 0 the gate passes (or only warns), 1 it fails on blocking findings, 2 the scan could not be done.
`;
var SCAN_HELP = `Usage: release-gate scan <package> [options]

<package> is a .tar, .tar.gz, .tgz or .zip file, or a directory (a deployed tree).

Options:
  --baseline <package|dir|report.json>  the last deployment: only what is new against it blocks
  --root <dir>, --baseline-root <dir>   the top folder to strip from each side before comparing
                                        paths (default: a single common top folder, shop-2.4.7/)
  --advisories <source>                 osv (default), osv=<base-url>, a directory of OSV records,
                                        an OSV all.zip, one JSON file, or none; repeatable
  --offline                             never touch the network
  --allow-source-failure                when an advisory source cannot answer, go on with a
                                        warning instead of failing (exit 2)
  --config <file>                       policy file (default .github/release-gate.yml when it exists)
  --fail-on <kinds>                     comma list of finding kinds that block (default: all):
                                        ${FINDING_KINDS.join(", ")}
  --severity <level>                    lowest severity that blocks: ${THRESHOLDS.join(", ")} (default low)
  --only-new | --all                    block only new findings (default with a baseline), or all
  --report <file>                       write the JSON report (also the next scan's baseline)
  --sarif <file>                        write SARIF 2.1.0
  --sbom <file>                         write a CycloneDX 1.6 JSON SBOM
  --summary <file>                      write the Markdown summary
  -q, --quiet                           print only the verdict line
  --debug                               print stack traces and timings on failure
  -h, --help                            this text
`;

// src/findings/finding-id.ts
import { createHash } from "node:crypto";
function findingId(kind, subject, rule) {
  return createHash("sha256").update(`${kind}\0${subject}\0${rule}`).digest("hex").slice(0, 32);
}

// src/baseline/config-findings.ts
var HIGH_RISK = /(?:^|\/)(?:app\/etc\/env\.php|\.htaccess|\.user\.ini|php\.ini|php-fpm[^/]*\.conf|www\.conf|nginx[^/]*\.conf(?:\.sample)?|httpd[^/]*\.conf|[^/]*\.vhost|crontab|[^/]*\.cron|sudoers|[^/]*\.(?:service|timer|socket)|supervisor[^/]*\.conf|Procfile|Dockerfile[^/]*|[^/]*\.dockerfile|docker-compose[^/]*\.ya?ml|\.dockerignore|\.env(?:\.[^/]*)?|auth\.json|\.npmrc|deploy\.(?:php|rb)|Capfile|wp-config[^/]*\.php|\.gitlab-ci\.yml|Jenkinsfile|bitbucket-pipelines\.yml)$|(?:^|\/)(?:cron\.d|crontabs|sudoers\.d|sites-enabled|sites-available|\.github\/workflows)\//;
function configFindings(changes) {
  return changes.map((change) => {
    const after = change.after;
    const finding = {
      // what the change leads to, never where in the file: the same change has the same id
      id: findingId("config-change", change.path, `${change.changes.join("+")}:${after?.sha256 ?? ""}:${after?.mode ?? ""}:${after?.link ?? ""}:${after?.uid ?? ""}`),
      kind: "config-change",
      severity: severityOf(change),
      title: `${change.path} ${describe(change)}`,
      path: change.path,
      rule: "monitored-file",
      status: "new",
      blocking: true
    };
    if (change.diffOmitted) finding.detail = `no diff: ${change.diffOmitted}`;
    return finding;
  });
}
function severityOf(change) {
  if (HIGH_RISK.test(change.path)) return "high";
  if (change.changes.includes("mode") && loosened(change.before, change.after)) return "high";
  return "medium";
}
function loosened(before, after) {
  if (!before || !after) return false;
  const gained = Number.parseInt(after.mode, 8) & ~Number.parseInt(before.mode, 8);
  return (gained & 3074) !== 0;
}
function describe(change) {
  const { before, after } = change;
  const parts = change.changes.map((aspect) => {
    switch (aspect) {
      case "added":
        return "added";
      case "removed":
        return "removed";
      case "content":
        return "changed";
      case "mode":
        return `mode ${before?.mode ?? "?"} \u2192 ${after?.mode ?? "?"}`;
      case "owner":
        return `owner ${before?.uid ?? "?"}:${before?.gid ?? "?"} \u2192 ${after?.uid ?? "?"}:${after?.gid ?? "?"}`;
      case "type":
        return `now a ${after?.type ?? "?"} (was a ${before?.type ?? "?"})`;
      case "link":
        return `link ${before?.link ?? "?"} \u2192 ${after?.link ?? "?"}`;
    }
  });
  return parts.join(", ");
}

// src/text/format.ts
function count(n) {
  return n.toLocaleString("en-US");
}
function bytes(n) {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
function plural(n, singular, pluralForm = `${singular}s`) {
  return `${count(n)} ${n === 1 ? singular : pluralForm}`;
}
function printable(text) {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 255 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

// src/text/markdown-escape.ts
var MAX_SPAN = 300;
var WORD_JOINER = "\u2060";
function mdCode(text) {
  let safe = printable(text).replace(/`/g, "\u02CB").replace(/\|/g, "\u2223").replace(/</g, "\uFF1C").replace(/>/g, "\uFF1E").replace(/@/g, `@${WORD_JOINER}`);
  if (safe.length > MAX_SPAN) safe = `${safe.slice(0, MAX_SPAN)}\u2026`;
  return safe.length === 0 ? '`""`' : `\`${safe}\``;
}
function mdText(text, max = 200) {
  let safe = printable(text).replace(/[\\`*_{}[\]()#+\-.!|<>~&=:"']/g, (c) => `\\${c}`);
  safe = safe.replace(/@/g, `@${WORD_JOINER}`).replace(/www/gi, (w) => `${w[0] ?? ""}${WORD_JOINER}${w.slice(1)}`);
  return safe.length > max ? `${safe.slice(0, max)}\u2026` : safe;
}

// src/report/finding-text.ts
function findingSubject(finding) {
  if (finding.package) {
    const advisory = finding.advisory ? ` ${finding.advisory.id}` : "";
    return `${finding.package.name} ${finding.package.version}${advisory}`;
  }
  return finding.rule ?? finding.kind;
}
function findingFix(finding) {
  const fixed = finding.advisory?.fixed ?? [];
  if (!finding.advisory) return void 0;
  return fixed.length > 0 ? `fixed in ${fixed.join(", ")}` : "no fixed version yet";
}

// src/report/verdict-line.ts
function verdictLine(report) {
  const blocking = report.findings.filter((finding) => finding.blocking).length;
  const total = report.findings.length;
  switch (report.verdict) {
    case "fail":
      return `FAIL: ${plural(blocking, "blocking finding")}${total > blocking ? ` (${plural(total, "finding")} in all)` : ""}`;
    case "warn":
      return blocking > 0 ? `WARN: ${plural(blocking, "blocking finding")}, reported without failing (warn-only)` : `WARN: ${plural(total, "finding")}, none blocking`;
    case "pass":
      return total > 0 ? `PASS: ${plural(total, "finding")}, none blocking` : "PASS: nothing found";
  }
}

// src/report/markdown.ts
var ICONS = { pass: "\u2705", warn: "\u26A0\uFE0F", fail: "\u274C" };
var SUMMARY_LIMIT = 1024 * 1024;
var ROWS_PER_TABLE = 500;
function renderMarkdown(report, options2 = {}) {
  const limit = options2.maxChars ?? SUMMARY_LIMIT;
  const sections = [header(report, options2.title), blockingSection(report), changesSection(report), otherFindingsSection(report), notesSection(report)];
  const out = [];
  let used = 0;
  const reserve = 400;
  for (const section of sections) {
    for (const block of section) {
      if (used + block.length + 1 > limit - reserve) {
        out.push(truncationNote(report, options2.moreAt));
        return `${out.join("\n")}
`;
      }
      out.push(block);
      used += block.length + 1;
    }
  }
  return `${out.join("\n")}
`;
}
function header(report, title) {
  const { target } = report;
  const out = [`## ${ICONS[report.verdict]} release-gate${title ? ` ${mdCode(title)}` : ""}: ${mdText(verdictLine(report))}`, ""];
  out.push("| | package | format | entries | size | sha256 |", "| --- | --- | --- | --- | --- | --- |");
  out.push(`| this release | ${mdCode(target.path)} | ${target.format} | ${count(target.files)} | ${bytes(target.bytes)} | ${mdCode(target.sha256.slice(0, 16))} |`);
  if (report.baseline) {
    const base = report.baseline;
    out.push(`| baseline | ${mdCode(base.path)} | ${base.format} | ${count(base.files)} | ${bytes(base.bytes)} | ${mdCode(base.sha256.slice(0, 16))} |`);
  }
  out.push("", `**Packages:** ${packageCounts(report)} \xB7 **Findings:** ${findingCounts(report)}`, "");
  return out;
}
function blockingSection(report) {
  const blocking = report.findings.filter((finding) => finding.blocking);
  if (blocking.length === 0) return [];
  const out = [`### Blocking findings (${count(blocking.length)})`, ""];
  for (const kind of FINDING_KINDS) {
    const ofKind = blocking.filter((finding) => finding.kind === kind);
    if (ofKind.length === 0) continue;
    out.push(`#### ${kind} (${count(ofKind.length)})`, "", ...findingTable(ofKind), "");
  }
  return out;
}
function findingTable(findings) {
  const rows = ["| severity | status | about | finding | where |", "| --- | --- | --- | --- | --- |"];
  for (const finding of findings.slice(0, ROWS_PER_TABLE)) {
    const fix = findingFix(finding);
    const detail = finding.detail && !finding.advisory ? ` (${mdText(finding.detail)})` : "";
    rows.push(
      `| ${finding.severity} | ${finding.status} | ${mdCode(findingSubject(finding))} | ${mdText(finding.title)}${fix ? ` (${mdText(fix)})` : ""}${detail} | ${finding.path ? mdCode(finding.path) : ""} |`
    );
  }
  if (findings.length > ROWS_PER_TABLE) rows.push(`| | | | \u2026 and ${count(findings.length - ROWS_PER_TABLE)} more in the JSON report | |`);
  return rows;
}
function changesSection(report) {
  const changes = report.changes;
  if (!changes) return [];
  const { files, packages, configs } = changes;
  const out = ["### What this release changes", ""];
  const roots = changes.roots.target || changes.roots.baseline ? ` (compared inside ${mdCode(changes.roots.target || ".")} and ${mdCode(changes.roots.baseline || ".")})` : "";
  out.push(
    `Files: ${count(files.added)} added, ${count(files.removed)} removed, ${count(files.changed)} changed, ${count(files.unchanged)} unchanged${roots}.`,
    ""
  );
  const packageRows = [
    ...packages.upgraded.map((change) => ["upgraded", change.ecosystem, change.name, change.from, change.to]),
    ...packages.downgraded.map((change) => ["downgraded", change.ecosystem, change.name, change.from, change.to]),
    ...packages.added.map((pkg) => ["added", pkg.ecosystem, pkg.name, "", pkg.version]),
    ...packages.removed.map((pkg) => ["removed", pkg.ecosystem, pkg.name, pkg.version, ""])
  ];
  if (packageRows.length > 0) {
    out.push(`#### Packages (${count(packageRows.length)})`, "", "| change | ecosystem | package | from | to |", "| --- | --- | --- | --- | --- |");
    for (const [change = "", ecosystem = "", name = "", from = "", to = ""] of packageRows.slice(0, ROWS_PER_TABLE)) {
      out.push(`| ${change} | ${ecosystem} | ${mdCode(name)} | ${from ? mdCode(from) : ""} | ${to ? mdCode(to) : ""} |`);
    }
    if (packageRows.length > ROWS_PER_TABLE) out.push(`| | | \u2026 and ${count(packageRows.length - ROWS_PER_TABLE)} more in the JSON report | | |`);
    out.push("");
  }
  if (configs.length > 0) {
    out.push(`#### Config and system files (${count(configs.length)})`, "");
    for (const change of configs) out.push(...configBlock(change));
  }
  return out;
}
function configBlock(change) {
  const title = `${mdCode(change.path)} ${mdText(describe(change))}`;
  if (!change.diff) return [`- ${title}${change.diffOmitted ? ` (no diff: ${mdText(change.diffOmitted)})` : ""}`, ""];
  const body = printableDiff(change.diff);
  const fence = "`".repeat(Math.max(3, longestRun(body, "`") + 1));
  return [`<details open><summary>${title}</summary>`, "", `${fence}diff`, body, fence, "", "</details>", ""];
}
function printableDiff(diff) {
  return diff.split("\n").map((line) => printable(line)).join("\n");
}
function longestRun(text, char) {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}
function otherFindingsSection(report) {
  const out = [];
  const groups = [
    ["not blocking (below the policy)", report.findings.filter((finding) => !finding.blocking && finding.status === "new")],
    ["already in the baseline", report.findings.filter((finding) => !finding.blocking && finding.status === "existing")],
    ["accepted", report.findings.filter((finding) => finding.status === "accepted")]
  ];
  for (const [label2, findings] of groups) {
    if (findings.length === 0) continue;
    out.push(`<details><summary>${plural(findings.length, "finding")} ${label2}</summary>`, "", ...findingTable(findings), "", "</details>", "");
  }
  return out;
}
function notesSection(report) {
  if (report.notes.length === 0) return [];
  return [
    `<details><summary>${plural(report.notes.length, "note")}: what the scan could not do fully</summary>`,
    "",
    ...report.notes.map((note) => `- ${mdText(note, 500)}`),
    "",
    "</details>",
    ""
  ];
}
function truncationNote(report, moreAt) {
  const where = moreAt ? `the [full summary](${encodeURI(moreAt)})` : "the JSON report";
  return `
> This summary stops here to stay within its size bound; ${report.findings.length} findings and every change are in ${where}.`;
}
function packageCounts(report) {
  if (report.packages.length === 0) return "none found";
  const byEcosystem = /* @__PURE__ */ new Map();
  for (const pkg of report.packages) byEcosystem.set(pkg.ecosystem, (byEcosystem.get(pkg.ecosystem) ?? 0) + 1);
  return `${count(report.packages.length)} (${[...byEcosystem].map(([ecosystem, n]) => `${ecosystem} ${count(n)}`).join(", ")})`;
}
function findingCounts(report) {
  if (report.findings.length === 0) return "none";
  const blocking = report.findings.filter((finding) => finding.blocking).length;
  const fresh = report.findings.filter((finding) => finding.status === "new").length;
  return `${count(report.findings.length)} (${count(blocking)} blocking, ${count(fresh)} new)`;
}

// src/report/write-output.ts
import { open } from "node:fs/promises";

// src/report/json.ts
var PIECE = 256 * 1024;
function* jsonReportPieces(report) {
  let piece = "{\n";
  const keys = Object.keys(report);
  for (const [index, key] of keys.entries()) {
    const value = report[key];
    const comma = index < keys.length - 1 ? "," : "";
    if (Array.isArray(value) && value.length > 0) {
      piece += `  ${JSON.stringify(key)}: [
`;
      const last = value.length - 1;
      for (const [i, item] of value.entries()) {
        piece += `    ${JSON.stringify(item)}${i < last ? "," : ""}
`;
        if (piece.length >= PIECE) {
          yield piece;
          piece = "";
        }
      }
      piece += `  ]${comma}
`;
    } else {
      piece += `  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}
`;
    }
  }
  yield `${piece}}
`;
}

// src/report/write-output.ts
async function writeOutput(path, content, what) {
  try {
    const handle = await open(path, "w");
    try {
      if (typeof content === "string") await handle.write(content);
      else for (const piece of content) await handle.write(piece);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const message = error instanceof Error ? oneLine(error.message) : String(error);
    throw new ScanError(`cannot write ${what} to ${path} (${message}); choose a path in a folder that exists and can be written`, { cause: error });
  }
}
function writeJsonReport(path, report) {
  return writeOutput(path, jsonReportPieces(report), "the JSON report");
}

// src/advisories/match.ts
var TIE_ORDER = { introduced: 0, last_affected: 1, fixed: 2, limit: 3 };
function eventOf(event) {
  if ("introduced" in event) return { kind: "introduced", version: event.introduced };
  if ("fixed" in event) return { kind: "fixed", version: event.fixed };
  if ("last_affected" in event) return { kind: "last_affected", version: event.last_affected };
  return { kind: "limit", version: event.limit };
}
function evaluate(affected, version, comparator) {
  const result = { affected: false, fixed: [], skipped: [] };
  if (affected.versions.some((listed) => listed === version || sameVersion(listed, version, comparator))) {
    result.affected = true;
  }
  for (const range of affected.ranges) {
    if (range.type !== "SEMVER" && range.type !== "ECOSYSTEM") {
      result.skipped.push(range.type);
      continue;
    }
    if (inRange(range, version, comparator)) {
      result.affected = true;
      for (const event of range.events) {
        if ("fixed" in event && comparator.compare(event.fixed, version) > 0 && !result.fixed.includes(event.fixed)) {
          result.fixed.push(event.fixed);
        }
      }
    }
  }
  return result;
}
function inRange(range, version, comparator) {
  const events = range.events.map(eventOf);
  const limits = events.filter((event) => event.kind === "limit");
  if (limits.some((limit) => comparator.compare(version, limit.version) >= 0)) return false;
  const sorted = events.filter((event) => event.kind !== "limit").sort((a, b) => {
    const zeroA = a.kind === "introduced" && a.version === "0";
    const zeroB = b.kind === "introduced" && b.version === "0";
    if (zeroA || zeroB) return zeroA === zeroB ? 0 : zeroA ? -1 : 1;
    return comparator.compare(a.version, b.version) || TIE_ORDER[a.kind] - TIE_ORDER[b.kind];
  });
  let affected = false;
  for (const event of sorted) {
    switch (event.kind) {
      case "introduced":
        if (event.version === "0" || comparator.compare(version, event.version) >= 0) affected = true;
        break;
      case "fixed":
        if (comparator.compare(version, event.version) >= 0) affected = false;
        break;
      case "last_affected":
        if (comparator.compare(version, event.version) > 0) affected = false;
        break;
      case "limit":
        break;
    }
  }
  return affected;
}
function sameVersion(a, b, comparator) {
  try {
    return comparator.compare(a, b) === 0;
  } catch {
    return false;
  }
}

// src/advisories/names.ts
function packageKey(ecosystem, name) {
  const base = ecosystem.split(":")[0] ?? ecosystem;
  switch (base) {
    case "PyPI":
      return `${base}\0${name.toLowerCase().replace(/[-_.]+/g, "-")}`;
    case "Packagist":
    case "NuGet":
      return `${base}\0${name.toLowerCase()}`;
    case "crates.io":
      return `${base}\0${name.toLowerCase().replace(/_/g, "-")}`;
    default:
      return `${base}\0${name}`;
  }
}
function osvEcosystem(ecosystem, release) {
  return release ? `${ecosystem}:${release}` : ecosystem;
}
function ecosystemApplies(advisory, packageEcosystem, release) {
  const [base, suffix] = advisory.split(":", 2);
  if (base !== packageEcosystem) return false;
  if (suffix === void 0 || suffix === "") return true;
  return release !== void 0 && suffix === release;
}

// src/advisories/severity.ts
var import_ae_cvss_calculator = __toESM(require_ae_cvss_calculator(), 1);
function severityOfScore(score) {
  if (score >= 9) return "critical";
  if (score >= 7) return "high";
  if (score >= 4) return "medium";
  if (score > 0) return "low";
  return "info";
}
var DATABASE_RATINGS = {
  CRITICAL: "critical",
  HIGH: "high",
  MODERATE: "medium",
  MEDIUM: "medium",
  LOW: "low",
  NEGLIGIBLE: "info",
  UNIMPORTANT: "info"
};
var PREFERENCE = ["CVSS_V4", "CVSS_V3", "CVSS_V2"];
function rate(record, extra = []) {
  const vectors = [...record.severity, ...extra];
  for (const type of PREFERENCE) {
    for (const vector of vectors.filter((candidate) => candidate.type === type)) {
      const score = scoreVector(type, vector.score);
      if (score !== void 0) return { severity: severityOfScore(score), score, source: type };
    }
  }
  const database = record.databaseSeverity ?? record.affected.find((affected) => affected.databaseSeverity)?.databaseSeverity;
  const rating = database ? DATABASE_RATINGS[database.toUpperCase()] : void 0;
  if (rating) return { severity: rating, source: "database" };
  if (record.id.startsWith("MAL-")) return { severity: "critical", source: "malicious" };
  return { severity: "high", source: "unrated" };
}
function scoreVector(type, vector) {
  try {
    switch (type) {
      case "CVSS_V4":
        return new import_ae_cvss_calculator.Cvss4P0(vector).calculateScores().overall;
      case "CVSS_V3":
        return (vector.startsWith("CVSS:3.0/") ? new import_ae_cvss_calculator.Cvss3P0(vector) : new import_ae_cvss_calculator.Cvss3P1(vector)).calculateScores().base;
      case "CVSS_V2":
        return new import_ae_cvss_calculator.Cvss2(vector).calculateScores().base;
      default:
        return void 0;
    }
  } catch {
    return void 0;
  }
}

// src/advisories/versions/comparator.ts
var VersionError = class extends Error {
  name = "VersionError";
};

// src/advisories/versions/registry.ts
var COMPARATORS = [];
function comparatorFor(ecosystem) {
  const base = ecosystem.split(":")[0];
  return COMPARATORS.find((comparator) => comparator.ecosystem === base);
}

// src/advisories/find-vulnerabilities.ts
async function findVulnerabilities(packages, sources) {
  const queries = [];
  const owners = [];
  packages.forEach((pkg, index) => {
    for (const name of [pkg.name, ...pkg.aliases ?? []]) {
      queries.push({ ecosystem: osvEcosystem(pkg.ecosystem, pkg.release), name, version: pkg.version });
      owners.push(index);
    }
  });
  const candidates = packages.map(() => /* @__PURE__ */ new Map());
  for (const source of sources) {
    const answers = await source.lookup(queries);
    answers.forEach((records, q) => {
      const found = candidates[owners[q] ?? -1];
      if (!found) return;
      for (const record of records) {
        const known = found.get(record.id);
        if (!known || record.modified > known.modified) found.set(record.id, record);
      }
    });
  }
  const result = { findings: [], unchecked: [] };
  packages.forEach((pkg, index) => {
    const records = [...candidates[index]?.values() ?? []].filter((record) => !record.withdrawn);
    if (records.length === 0) return;
    const comparator = comparatorFor(pkg.ecosystem);
    if (!comparator) {
      result.unchecked.push({ package: label(pkg), reason: `no version order for ${pkg.ecosystem}` });
      return;
    }
    const matches = records.flatMap((record) => matchRecord(record, pkg, comparator, result));
    for (const group of groupByAlias(matches)) result.findings.push(findingOf(pkg, group, comparator));
  });
  return result;
}
function matchRecord(record, pkg, comparator, result) {
  const names = new Set([pkg.name, ...pkg.aliases ?? []].map((name) => packageKey(pkg.ecosystem, name)));
  const fixed = [];
  let affected = false;
  for (const entry of record.affected) {
    if (!entry.package || !ecosystemApplies(entry.package.ecosystem, pkg.ecosystem, pkg.release)) continue;
    if (!names.has(packageKey(pkg.ecosystem, entry.package.name))) continue;
    try {
      const evaluation = evaluate(entry, pkg.version, comparator);
      if (evaluation.affected) {
        affected = true;
        for (const version of evaluation.fixed) if (!fixed.includes(version)) fixed.push(version);
      }
    } catch (error) {
      if (!(error instanceof VersionError)) throw error;
      result.unchecked.push({ package: label(pkg), reason: `${record.id}: ${error.message}` });
    }
  }
  return affected ? [{ record, fixed }] : [];
}
function groupByAlias(matches) {
  const groups = [];
  for (const match of matches) {
    const names = /* @__PURE__ */ new Set([match.record.id, ...match.record.aliases]);
    const joined = groups.filter((group) => [...names].some((name) => group.names.has(name)));
    const target = joined[0] ?? { names: /* @__PURE__ */ new Set(), members: [] };
    if (joined.length === 0) groups.push(target);
    for (const other of joined.slice(1)) {
      for (const name of other.names) target.names.add(name);
      target.members.push(...other.members);
      groups.splice(groups.indexOf(other), 1);
    }
    for (const name of names) target.names.add(name);
    target.members.push(match);
  }
  return groups.map((group) => group.members);
}
function primaryOf(ids) {
  const rank2 = (id) => id.startsWith("GHSA-") ? 0 : id.startsWith("CVE-") ? 2 : 1;
  return [...ids].sort((a, b) => rank2(a) - rank2(b) || (a < b ? -1 : a > b ? 1 : 0))[0] ?? "";
}
function findingOf(pkg, group, comparator) {
  const ids = [...new Set(group.map((match) => match.record.id))];
  const primary = primaryOf(ids);
  const aliases = [...new Set(group.flatMap((match) => [match.record.id, ...match.record.aliases]))].filter((id) => id !== primary).sort();
  const record = group.find((match) => match.record.id === primary)?.record ?? group[0]?.record;
  const ratings = group.map((match) => rate(match.record));
  const severity = ratings.map((rating) => rating.severity).sort((a, b) => rank(a) - rank(b))[0] ?? "high";
  const fixed = [...new Set(group.flatMap((match) => match.fixed))].sort((a, b) => safeCompare(comparator, a, b));
  const subject = `${pkg.ecosystem}${pkg.release ? `:${pkg.release}` : ""}/${pkg.name}@${pkg.version}`;
  const finding = {
    id: findingId("vulnerability", subject, primary),
    kind: "vulnerability",
    severity,
    title: record?.summary?.trim() ? oneLine2(record.summary) : `${primary} in ${pkg.name}`,
    package: { ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version },
    advisory: { id: primary, aliases, fixed, url: `https://osv.dev/vulnerability/${encodeURIComponent(primary)}` },
    rule: primary,
    status: "new",
    blocking: true
  };
  const [first, ...others] = pkg.locations;
  if (first) finding.path = first;
  const details = [fixed.length > 0 ? `fixed in ${fixed.join(", ")}` : "no fixed version yet"];
  if (others.length > 0) details.push(`also at ${others.length} other location${others.length === 1 ? "" : "s"}`);
  finding.detail = details.join("; ");
  return finding;
}
function rank(severity) {
  return SEVERITIES.indexOf(severity);
}
function safeCompare(comparator, a, b) {
  try {
    return comparator.compare(a, b);
  } catch {
    return a < b ? -1 : a > b ? 1 : 0;
  }
}
function label(pkg) {
  return `${pkg.ecosystem}/${pkg.name}@${pkg.version}`;
}
function oneLine2(text) {
  return text.replace(/\s+/g, " ").trim().slice(0, 300);
}

// src/util/shape.ts
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function isString(value) {
  return typeof value === "string";
}
function isStringArray(value) {
  return Array.isArray(value) && value.every(isString);
}
function isNonNegativeInteger(value) {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}
var ShapeError = class extends Error {
  constructor(where, problem) {
    super(`${where} ${problem}`);
    this.where = where;
    this.problem = problem;
  }
  where;
  problem;
  name = "ShapeError";
};
function describeValue(value) {
  if (value === void 0) return "missing";
  if (typeof value === "string") return value.length > 40 || /[\r\n]/.test(value) ? "a string" : JSON.stringify(value);
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  switch (typeof value) {
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
    default:
      return `a ${typeof value}`;
  }
}

// src/advisories/osv.ts
var OsvRecordError = class extends Error {
  name = "OsvRecordError";
};
var MAX_TEXT = 64 * 1024;
var MAX_ITEMS = 1e4;
function osvRecordOf(value) {
  if (!isObject(value)) throw new OsvRecordError("the record is not an object");
  const id = value["id"];
  if (!isString(id) || id.length === 0 || id.length > 200) throw new OsvRecordError("id is missing or not a string");
  const modified = value["modified"];
  const record = {
    id,
    modified: isString(modified) ? modified : "",
    aliases: strings(value["aliases"], `${id}: aliases`),
    severity: severities(value["severity"], id),
    affected: list(value["affected"], `${id}: affected`).map((item, i) => affectedOf(item, `${id}: affected[${i}]`)),
    references: list(value["references"], `${id}: references`).filter(isObject).flatMap((ref2) => isString(ref2["url"]) ? [{ type: isString(ref2["type"]) ? ref2["type"] : "WEB", url: ref2["url"] }] : [])
  };
  if (isString(value["withdrawn"])) record.withdrawn = value["withdrawn"];
  if (isString(value["summary"])) record.summary = value["summary"].slice(0, MAX_TEXT);
  if (isString(value["details"])) record.details = value["details"].slice(0, MAX_TEXT);
  const rating = databaseSeverityOf(value["database_specific"]);
  if (rating) record.databaseSeverity = rating;
  return record;
}
function affectedOf(value, where) {
  if (!isObject(value)) throw new OsvRecordError(`${where} is not an object`);
  const affected = {
    ranges: list(value["ranges"], `${where}.ranges`).map((range, i) => rangeOf(range, `${where}.ranges[${i}]`)),
    versions: strings(value["versions"], `${where}.versions`),
    severity: severities(value["severity"], where)
  };
  const pkg = value["package"];
  if (pkg !== void 0) {
    if (!isObject(pkg) || !isString(pkg["ecosystem"]) || !isString(pkg["name"])) {
      throw new OsvRecordError(`${where}.package needs an ecosystem and a name`);
    }
    affected.package = { ecosystem: pkg["ecosystem"], name: pkg["name"] };
  }
  const rating = databaseSeverityOf(value["database_specific"]) ?? databaseSeverityOf(value["ecosystem_specific"]);
  if (rating) affected.databaseSeverity = rating;
  return affected;
}
function rangeOf(value, where) {
  if (!isObject(value) || !isString(value["type"])) throw new OsvRecordError(`${where} needs a type`);
  const events = list(value["events"], `${where}.events`).map((event, i) => {
    if (!isObject(event)) throw new OsvRecordError(`${where}.events[${i}] is not an object`);
    const keys = Object.keys(event).filter((key2) => key2 !== "database_specific");
    const [key] = keys;
    const version = key === void 0 ? void 0 : event[key];
    if (keys.length !== 1 || !isString(version)) throw new OsvRecordError(`${where}.events[${i}] must hold exactly one event`);
    switch (key) {
      case "introduced":
        return { introduced: version };
      case "fixed":
        return { fixed: version };
      case "last_affected":
        return { last_affected: version };
      case "limit":
        return { limit: version };
      default:
        throw new OsvRecordError(`${where}.events[${i}] has an unknown event '${key}'`);
    }
  });
  return { type: value["type"], events };
}
function severities(value, where) {
  return list(value, `${where}: severity`).flatMap(
    (item) => isObject(item) && isString(item["type"]) && isString(item["score"]) ? [{ type: item["type"], score: item["score"] }] : []
  );
}
function databaseSeverityOf(value) {
  if (!isObject(value)) return void 0;
  const severity = value["severity"];
  return isString(severity) ? severity : void 0;
}
function list(value, where) {
  if (value === void 0 || value === null) return [];
  if (!Array.isArray(value)) throw new OsvRecordError(`${where} is not a list`);
  if (value.length > MAX_ITEMS) throw new OsvRecordError(`${where} has more than ${MAX_ITEMS} items`);
  return value;
}
function strings(value, where) {
  return list(value, where).filter(isString);
}

// src/advisories/sources/source.ts
var AdvisorySourceError = class extends Error {
  name = "AdvisorySourceError";
};

// src/advisories/sources/osv-api.ts
var OSV_API = "https://api.osv.dev";
var BATCH = 1e3;
var PAGES = 100;
var HYDRATE_AT_ONCE = 8;
var MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
var OsvApiSource = class {
  description;
  base;
  fetch;
  attempts;
  backoffMs;
  maxRetryAfterMs;
  timeoutMs;
  cache;
  sleep;
  calls = 0;
  skipped = [];
  constructor(options2 = {}) {
    this.base = (options2.baseUrl ?? OSV_API).replace(/\/+$/, "");
    this.description = `the OSV API at ${this.base}`;
    this.fetch = options2.fetch ?? globalThis.fetch;
    this.attempts = options2.attempts ?? 4;
    this.backoffMs = options2.backoffMs ?? 500;
    this.maxRetryAfterMs = options2.maxRetryAfterMs ?? 6e4;
    this.timeoutMs = options2.timeoutMs ?? 3e4;
    this.cache = options2.cache ?? /* @__PURE__ */ new Map();
    this.sleep = options2.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }
  async lookup(queries) {
    const hits = await this.queryAll(queries);
    const wanted = /* @__PURE__ */ new Map();
    for (const list3 of hits) for (const hit of list3) wanted.set(hit.id, hit.modified);
    await this.hydrate(wanted);
    return hits.map((list3) => list3.flatMap((hit) => this.cache.get(hit.id) ?? []));
  }
  stats() {
    return { source: this.description, records: this.cache.size, httpCalls: this.calls, skipped: this.skipped };
  }
  /** The ids each query hits, following every result's pages. */
  async queryAll(queries) {
    const hits = queries.map(() => []);
    let pending = queries.map((query, index) => ({ index, query, token: void 0 }));
    for (let page = 0; pending.length > 0; page++) {
      if (page >= PAGES) throw new AdvisorySourceError(`${this.description} kept paging past ${PAGES} pages; it may be misbehaving`);
      const next = [];
      for (let start = 0; start < pending.length; start += BATCH) {
        const batch = pending.slice(start, start + BATCH);
        const body = {
          queries: batch.map(({ query, token }) => ({
            package: { name: query.name, ecosystem: query.ecosystem },
            version: query.version,
            ...token ? { page_token: token } : {}
          }))
        };
        const response = await this.request("POST", "/v1/querybatch", body);
        const results = isObject(response) ? response["results"] : void 0;
        if (!Array.isArray(results) || results.length !== batch.length) {
          throw new AdvisorySourceError(`${this.description} answered querybatch with ${Array.isArray(results) ? results.length : "no"} results for ${batch.length} queries`);
        }
        results.forEach((result, i) => {
          const item = batch[i];
          if (!item || !isObject(result)) return;
          const vulns = result["vulns"];
          if (Array.isArray(vulns)) {
            for (const vuln of vulns) {
              if (isObject(vuln) && isString(vuln["id"])) {
                hits[item.index].push({ id: vuln["id"], modified: isString(vuln["modified"]) ? vuln["modified"] : "" });
              }
            }
          }
          const token = result["next_page_token"];
          if (isString(token) && token.length > 0) next.push({ ...item, token });
        });
      }
      pending = next;
    }
    return hits;
  }
  /** Fetch each wanted record once; one already cached with the same `modified` is not fetched again. */
  async hydrate(wanted) {
    const missing = [...wanted].filter(([id, modified]) => {
      const cached = this.cache.get(id);
      return !cached || modified !== "" && cached.modified !== modified;
    });
    let next = 0;
    const worker = async () => {
      for (let item = missing[next++]; item !== void 0; item = missing[next++]) {
        const [id] = item;
        const body = await this.request("GET", `/v1/vulns/${encodeURIComponent(id)}`);
        try {
          this.cache.set(id, osvRecordOf(body));
        } catch (error) {
          this.skipped.push({ where: `${this.base}/v1/vulns/${id}`, reason: error instanceof Error ? error.message : String(error) });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(HYDRATE_AT_ONCE, missing.length) }, worker));
  }
  async request(method, path, body) {
    const url = `${this.base}${path}`;
    let problem = "";
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      this.calls++;
      let wait = this.backoffMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);
      try {
        const response = await this.fetch(url, {
          method,
          headers: { accept: "application/json", ...body === void 0 ? {} : { "content-type": "application/json" } },
          ...body === void 0 ? {} : { body: JSON.stringify(body) },
          signal: AbortSignal.timeout(this.timeoutMs)
        });
        if (response.ok) return await readJson(response, url);
        problem = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
        await response.body?.cancel().catch(() => void 0);
        if (response.status !== 429 && response.status < 500) break;
        const retryAfter = retryAfterMs(response.headers.get("retry-after"));
        if (retryAfter !== void 0) {
          if (retryAfter > this.maxRetryAfterMs) {
            problem += ` (asked to retry after ${Math.ceil(retryAfter / 1e3)} s)`;
            break;
          }
          wait = retryAfter;
        }
      } catch (error) {
        problem = describeNetworkError(error, this.timeoutMs);
        if (error instanceof AdvisorySourceError) break;
      }
      if (attempt < this.attempts) await this.sleep(wait);
    }
    throw new AdvisorySourceError(`${this.description} did not answer ${method} ${path.split("?")[0] ?? path}: ${problem}`);
  }
};
async function readJson(response, url) {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > MAX_RESPONSE_BYTES) throw new AdvisorySourceError(`${url} answered with ${declared} bytes, over the ${MAX_RESPONSE_BYTES}-byte bound`);
  const text = await response.text();
  if (text.length > MAX_RESPONSE_BYTES) throw new AdvisorySourceError(`${url} answered with more than ${MAX_RESPONSE_BYTES} bytes`);
  try {
    return JSON.parse(text);
  } catch {
    throw new AdvisorySourceError(`${url} answered with something that is not JSON`);
  }
}
function retryAfterMs(header2) {
  if (!header2) return void 0;
  if (/^\d+$/.test(header2.trim())) return Number(header2.trim()) * 1e3;
  const date = Date.parse(header2);
  return Number.isNaN(date) ? void 0 : Math.max(0, date - Date.now());
}
function describeNetworkError(error, timeoutMs) {
  if (error instanceof AdvisorySourceError) return error.message;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `no answer within ${timeoutMs / 1e3} s`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : void 0;
  const code = cause?.code;
  if (typeof code === "string") return code;
  return error instanceof Error ? error.message : String(error);
}

// src/advisories/sources/osv-offline.ts
var yauzl = __toESM(require_yauzl(), 1);
import { open as open2, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
var MAX_RECORD_BYTES = 8 * 1024 * 1024;
var MAX_RECORDS = 2e6;
var PARALLEL_READS = 32;
var OsvOfflineSource = class _OsvOfflineSource {
  constructor(location) {
    this.location = location;
    this.description = `OSV records at ${location}`;
  }
  location;
  description;
  index = /* @__PURE__ */ new Map();
  skipped = [];
  records = 0;
  static async open(location) {
    const source = new _OsvOfflineSource(location);
    let stats;
    try {
      stats = await stat(location);
    } catch {
      throw new AdvisorySourceError(`the advisory database ${location} does not exist; pass a directory of OSV records, an OSV all.zip or a JSON file`);
    }
    if (stats.isDirectory()) await source.loadDirectory(location);
    else if (location.toLowerCase().endsWith(".zip") || await startsWithZipMagic(location)) await source.loadZip(location);
    else source.add(location, await readFile(location));
    if (source.records === 0) {
      throw new AdvisorySourceError(`the advisory database ${location} holds no readable OSV record; check the path (${source.skipped.length} files skipped)`);
    }
    return source;
  }
  lookup(queries) {
    return Promise.resolve(queries.map((query) => this.index.get(packageKey(query.ecosystem, query.name)) ?? []));
  }
  stats() {
    return { source: this.description, records: this.records, httpCalls: 0, skipped: this.skipped };
  }
  add(where, bytes2) {
    if (bytes2.length > MAX_RECORD_BYTES) {
      this.skipped.push({ where, reason: `larger than ${MAX_RECORD_BYTES} bytes` });
      return;
    }
    let parsed;
    try {
      parsed = JSON.parse(bytes2.toString("utf8"));
    } catch (error) {
      this.skipped.push({ where, reason: `not JSON (${error instanceof Error ? error.message : String(error)})` });
      return;
    }
    const items = Array.isArray(parsed) ? parsed : [parsed];
    items.forEach((item, i) => {
      const label2 = Array.isArray(parsed) ? `${where}[${i}]` : where;
      try {
        this.index1(osvRecordOf(item));
      } catch (error) {
        this.skipped.push({ where: label2, reason: error instanceof Error ? error.message : String(error) });
      }
    });
  }
  index1(record) {
    if (++this.records > MAX_RECORDS) throw new AdvisorySourceError(`the advisory database ${this.location} holds more than ${MAX_RECORDS} records`);
    const keys = /* @__PURE__ */ new Set();
    for (const affected of record.affected) {
      if (affected.package) keys.add(packageKey(affected.package.ecosystem, affected.package.name));
    }
    for (const key of keys) {
      const list3 = this.index.get(key);
      if (list3) list3.push(record);
      else this.index.set(key, [record]);
    }
  }
  async loadDirectory(root) {
    const files = [];
    const walk = async (dir) => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile() && entry.name.endsWith(".json")) files.push(path);
      }
    };
    await walk(root);
    files.sort();
    for (let i = 0; i < files.length; i += PARALLEL_READS) {
      const batch = files.slice(i, i + PARALLEL_READS);
      const contents = await Promise.all(batch.map((file) => readFile(file)));
      contents.forEach((bytes2, j) => {
        this.add(batch[j] ?? "", bytes2);
      });
    }
  }
  async loadZip(path) {
    let zip;
    try {
      zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
    } catch (error) {
      throw new AdvisorySourceError(`the advisory database ${path} is not a readable zip (${error instanceof Error ? error.message : String(error)})`);
    }
    try {
      for await (const entry of zip.eachEntry()) {
        if (!entry.fileName.endsWith(".json")) continue;
        const where = `${path}!/${entry.fileName}`;
        if (entry.uncompressedSize > MAX_RECORD_BYTES) {
          this.skipped.push({ where, reason: `larger than ${MAX_RECORD_BYTES} bytes` });
          continue;
        }
        const pieces = [];
        for await (const chunk of await zip.openReadStreamPromise(entry)) pieces.push(chunk);
        this.add(where, Buffer.concat(pieces));
      }
    } finally {
      zip.close();
    }
  }
};
async function startsWithZipMagic(path) {
  const handle = await open2(path, "r");
  try {
    const head = Buffer.alloc(2);
    await handle.read(head, 0, 2, 0);
    return head[0] === 80 && head[1] === 75;
  } finally {
    await handle.close();
  }
}

// src/advisories/sources/open-sources.ts
async function openSources(options2) {
  const specs = options2.specs.length > 0 ? options2.specs : ["osv"];
  if (specs.includes("none")) {
    if (specs.length > 1) throw new ScanError(`--advisories none cannot be combined with other sources (${specs.filter((spec) => spec !== "none").join(", ")})`);
    return [];
  }
  const sources = [];
  for (const spec of specs) {
    if (spec === "osv" || spec.startsWith("osv=")) {
      const baseUrl = spec === "osv" ? OSV_API : spec.slice(4);
      if (options2.offline) {
        throw new ScanError(`--offline forbids the network, and --advisories ${spec} needs it: pass --advisories <directory|all.zip|file.json> with an OSV database, or --advisories none`);
      }
      if (!/^https?:\/\/[^\s/]+/i.test(baseUrl)) {
        throw new ScanError(`--advisories ${spec}: '${baseUrl}' is not an http(s) URL; write osv=https://host[:port]`);
      }
      sources.push(
        new OsvApiSource({
          baseUrl,
          ...options2.fetch ? { fetch: options2.fetch } : {},
          ...options2.apiCache ? { cache: options2.apiCache } : {},
          ...options2.timeoutMs ? { timeoutMs: options2.timeoutMs } : {},
          ...options2.attempts ? { attempts: options2.attempts } : {},
          ...options2.backoffMs !== void 0 ? { backoffMs: options2.backoffMs } : {}
        })
      );
      continue;
    }
    try {
      sources.push(await OsvOfflineSource.open(spec));
    } catch (error) {
      if (error instanceof AdvisorySourceError) throw new ScanError(error.message, { cause: error });
      throw error;
    }
  }
  return sources;
}

// node_modules/diff/libesm/diff/base.js
var Diff = class {
  diff(oldStr, newStr, options2 = {}) {
    let callback;
    if (typeof options2 === "function") {
      callback = options2;
      options2 = {};
    } else if ("callback" in options2) {
      callback = options2.callback;
    }
    const oldString = this.castInput(oldStr, options2);
    const newString = this.castInput(newStr, options2);
    const oldTokens = this.removeEmpty(this.tokenize(oldString, options2));
    const newTokens = this.removeEmpty(this.tokenize(newString, options2));
    return this.diffWithOptionsObj(oldTokens, newTokens, options2, callback);
  }
  diffWithOptionsObj(oldTokens, newTokens, options2, callback) {
    var _a;
    const done = (value) => {
      value = this.postProcess(value, options2);
      if (callback) {
        setTimeout(function() {
          callback(value);
        }, 0);
        return void 0;
      } else {
        return value;
      }
    };
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let editLength = 1;
    let maxEditLength = newLen + oldLen;
    if (options2.maxEditLength != null) {
      maxEditLength = Math.min(maxEditLength, options2.maxEditLength);
    }
    const maxExecutionTime = (_a = options2.timeout) !== null && _a !== void 0 ? _a : Infinity;
    const abortAfterTimestamp = Date.now() + maxExecutionTime;
    const bestPath = [{ oldPos: -1, lastComponent: void 0 }];
    let newPos = this.extractCommon(bestPath[0], newTokens, oldTokens, 0, options2);
    if (bestPath[0].oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
      return done(this.buildValues(bestPath[0].lastComponent, newTokens, oldTokens));
    }
    let minDiagonalToConsider = -Infinity, maxDiagonalToConsider = Infinity;
    const execEditLength = () => {
      for (let diagonalPath = Math.max(minDiagonalToConsider, -editLength); diagonalPath <= Math.min(maxDiagonalToConsider, editLength); diagonalPath += 2) {
        let basePath;
        const removePath = bestPath[diagonalPath - 1], addPath = bestPath[diagonalPath + 1];
        if (removePath) {
          bestPath[diagonalPath - 1] = void 0;
        }
        let canAdd = false;
        if (addPath) {
          const addPathNewPos = addPath.oldPos - diagonalPath;
          canAdd = addPath && 0 <= addPathNewPos && addPathNewPos < newLen;
        }
        const canRemove = removePath && removePath.oldPos + 1 < oldLen;
        if (!canAdd && !canRemove) {
          bestPath[diagonalPath] = void 0;
          continue;
        }
        if (!canRemove || canAdd && removePath.oldPos < addPath.oldPos) {
          basePath = this.addToPath(addPath, true, false, 0, options2);
        } else {
          basePath = this.addToPath(removePath, false, true, 1, options2);
        }
        newPos = this.extractCommon(basePath, newTokens, oldTokens, diagonalPath, options2);
        if (basePath.oldPos + 1 >= oldLen && newPos + 1 >= newLen) {
          return done(this.buildValues(basePath.lastComponent, newTokens, oldTokens)) || true;
        } else {
          bestPath[diagonalPath] = basePath;
          if (basePath.oldPos + 1 >= oldLen) {
            maxDiagonalToConsider = Math.min(maxDiagonalToConsider, diagonalPath - 1);
          }
          if (newPos + 1 >= newLen) {
            minDiagonalToConsider = Math.max(minDiagonalToConsider, diagonalPath + 1);
          }
        }
      }
      editLength++;
    };
    if (callback) {
      (function exec() {
        setTimeout(function() {
          if (editLength > maxEditLength || Date.now() > abortAfterTimestamp) {
            return callback(void 0);
          }
          if (!execEditLength()) {
            exec();
          }
        }, 0);
      })();
    } else {
      while (editLength <= maxEditLength && Date.now() <= abortAfterTimestamp) {
        const ret = execEditLength();
        if (ret) {
          return ret;
        }
      }
    }
  }
  addToPath(path, added, removed, oldPosInc, options2) {
    const last = path.lastComponent;
    if (last && !options2.oneChangePerToken && last.added === added && last.removed === removed) {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: last.count + 1, added, removed, previousComponent: last.previousComponent }
      };
    } else {
      return {
        oldPos: path.oldPos + oldPosInc,
        lastComponent: { count: 1, added, removed, previousComponent: last }
      };
    }
  }
  extractCommon(basePath, newTokens, oldTokens, diagonalPath, options2) {
    const newLen = newTokens.length, oldLen = oldTokens.length;
    let oldPos = basePath.oldPos, newPos = oldPos - diagonalPath, commonCount = 0;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && this.equals(oldTokens[oldPos + 1], newTokens[newPos + 1], options2)) {
      newPos++;
      oldPos++;
      commonCount++;
      if (options2.oneChangePerToken) {
        basePath.lastComponent = { count: 1, previousComponent: basePath.lastComponent, added: false, removed: false };
      }
    }
    if (commonCount && !options2.oneChangePerToken) {
      basePath.lastComponent = { count: commonCount, previousComponent: basePath.lastComponent, added: false, removed: false };
    }
    basePath.oldPos = oldPos;
    return newPos;
  }
  equals(left, right, options2) {
    if (options2.comparator) {
      return options2.comparator(left, right);
    } else {
      return left === right || !!options2.ignoreCase && left.toLowerCase() === right.toLowerCase();
    }
  }
  removeEmpty(array) {
    const ret = [];
    for (let i = 0; i < array.length; i++) {
      if (array[i]) {
        ret.push(array[i]);
      }
    }
    return ret;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  castInput(value, options2) {
    return value;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  tokenize(value, options2) {
    return Array.from(value);
  }
  join(chars) {
    return chars.join("");
  }
  postProcess(changeObjects, options2) {
    return changeObjects;
  }
  get useLongestToken() {
    return false;
  }
  buildValues(lastComponent, newTokens, oldTokens) {
    const components = [];
    let nextComponent;
    while (lastComponent) {
      components.push(lastComponent);
      nextComponent = lastComponent.previousComponent;
      delete lastComponent.previousComponent;
      lastComponent = nextComponent;
    }
    components.reverse();
    const componentLen = components.length;
    let componentPos = 0, newPos = 0, oldPos = 0;
    for (; componentPos < componentLen; componentPos++) {
      const component = components[componentPos];
      if (!component.removed) {
        if (!component.added && this.useLongestToken) {
          let value = newTokens.slice(newPos, newPos + component.count);
          value = value.map(function(value2, i) {
            const oldValue = oldTokens[oldPos + i];
            return oldValue.length > value2.length ? oldValue : value2;
          });
          component.value = this.join(value);
        } else {
          component.value = this.join(newTokens.slice(newPos, newPos + component.count));
        }
        newPos += component.count;
        if (!component.added) {
          oldPos += component.count;
        }
      } else {
        component.value = this.join(oldTokens.slice(oldPos, oldPos + component.count));
        oldPos += component.count;
      }
    }
    return components;
  }
};

// node_modules/diff/libesm/diff/line.js
var LineDiff = class extends Diff {
  constructor() {
    super(...arguments);
    this.tokenize = tokenize;
  }
  equals(left, right, options2) {
    if (options2.ignoreWhitespace) {
      if (!options2.newlineIsToken || !left.includes("\n")) {
        left = left.trim();
      }
      if (!options2.newlineIsToken || !right.includes("\n")) {
        right = right.trim();
      }
    } else if (options2.ignoreNewlineAtEof && !options2.newlineIsToken) {
      if (left.endsWith("\n")) {
        left = left.slice(0, -1);
      }
      if (right.endsWith("\n")) {
        right = right.slice(0, -1);
      }
    }
    return super.equals(left, right, options2);
  }
};
var lineDiff = new LineDiff();
function diffLines(oldStr, newStr, options2) {
  return lineDiff.diff(oldStr, newStr, options2);
}
function tokenize(value, options2) {
  if (options2.stripTrailingCr) {
    value = value.replace(/\r\n/g, "\n");
  }
  const retLines = [], linesAndNewlines = value.split(/(\n|\r\n)/);
  if (!linesAndNewlines[linesAndNewlines.length - 1]) {
    linesAndNewlines.pop();
  }
  for (let i = 0; i < linesAndNewlines.length; i++) {
    const line = linesAndNewlines[i];
    if (i % 2 && !options2.newlineIsToken) {
      retLines[retLines.length - 1] += line;
    } else {
      retLines.push(line);
    }
  }
  return retLines;
}

// node_modules/diff/libesm/patch/create.js
function needsQuoting(s) {
  for (let i = 0; i < s.length; i++) {
    if (s[i] < " " || s[i] > "~" || s[i] === '"' || s[i] === "\\") {
      return true;
    }
  }
  return false;
}
function quoteFileNameIfNeeded(s) {
  if (!needsQuoting(s)) {
    return s;
  }
  let result = '"';
  const bytes2 = new TextEncoder().encode(s);
  let i = 0;
  while (i < bytes2.length) {
    const b = bytes2[i];
    if (b === 7) {
      result += "\\a";
    } else if (b === 8) {
      result += "\\b";
    } else if (b === 9) {
      result += "\\t";
    } else if (b === 10) {
      result += "\\n";
    } else if (b === 11) {
      result += "\\v";
    } else if (b === 12) {
      result += "\\f";
    } else if (b === 13) {
      result += "\\r";
    } else if (b === 34) {
      result += '\\"';
    } else if (b === 92) {
      result += "\\\\";
    } else if (b >= 32 && b <= 126) {
      result += String.fromCharCode(b);
    } else {
      result += "\\" + b.toString(8).padStart(3, "0");
    }
    i++;
  }
  result += '"';
  return result;
}
var INCLUDE_HEADERS = {
  includeIndex: true,
  includeUnderline: true,
  includeFileHeaders: true
};
function structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options2) {
  let optionsObj;
  if (!options2) {
    optionsObj = {};
  } else if (typeof options2 === "function") {
    optionsObj = { callback: options2 };
  } else {
    optionsObj = options2;
  }
  if (typeof optionsObj.context === "undefined") {
    optionsObj.context = 4;
  }
  const context = optionsObj.context;
  if (optionsObj.newlineIsToken) {
    throw new Error("newlineIsToken may not be used with patch-generation functions, only with diffing functions");
  }
  if (!optionsObj.callback) {
    return diffLinesResultToPatch(diffLines(oldStr, newStr, optionsObj));
  } else {
    const { callback } = optionsObj;
    diffLines(oldStr, newStr, Object.assign(Object.assign({}, optionsObj), { callback: (diff) => {
      const patch = diffLinesResultToPatch(diff);
      callback(patch);
    } }));
  }
  function diffLinesResultToPatch(diff) {
    if (!diff) {
      return;
    }
    diff.push({ value: "", lines: [] });
    function contextLines(lines) {
      return lines.map(function(entry) {
        return " " + entry;
      });
    }
    const hunks = [];
    let oldRangeStart = 0, newRangeStart = 0, curRange = [], oldLine = 1, newLine = 1;
    for (let i = 0; i < diff.length; i++) {
      const current = diff[i], lines = current.lines || splitLines(current.value);
      current.lines = lines;
      if (current.added || current.removed) {
        if (!oldRangeStart) {
          const prev = diff[i - 1];
          oldRangeStart = oldLine;
          newRangeStart = newLine;
          if (prev) {
            curRange = context > 0 ? contextLines(prev.lines.slice(-context)) : [];
            oldRangeStart -= curRange.length;
            newRangeStart -= curRange.length;
          }
        }
        for (const line of lines) {
          curRange.push((current.added ? "+" : "-") + line);
        }
        if (current.added) {
          newLine += lines.length;
        } else {
          oldLine += lines.length;
        }
      } else {
        if (oldRangeStart) {
          if (lines.length <= context * 2 && i < diff.length - 2) {
            for (const line of contextLines(lines)) {
              curRange.push(line);
            }
          } else {
            const contextSize = Math.min(lines.length, context);
            for (const line of contextLines(lines.slice(0, contextSize))) {
              curRange.push(line);
            }
            const hunk = {
              oldStart: oldRangeStart,
              oldLines: oldLine - oldRangeStart + contextSize,
              newStart: newRangeStart,
              newLines: newLine - newRangeStart + contextSize,
              lines: curRange
            };
            hunks.push(hunk);
            oldRangeStart = 0;
            newRangeStart = 0;
            curRange = [];
          }
        }
        oldLine += lines.length;
        newLine += lines.length;
      }
    }
    for (const hunk of hunks) {
      for (let i = 0; i < hunk.lines.length; i++) {
        if (hunk.lines[i].endsWith("\n")) {
          hunk.lines[i] = hunk.lines[i].slice(0, -1);
        } else {
          hunk.lines.splice(i + 1, 0, "\\ No newline at end of file");
          i++;
        }
      }
    }
    return {
      oldFileName,
      newFileName,
      oldHeader,
      newHeader,
      hunks
    };
  }
}
function formatPatch(patch, headerOptions) {
  var _a, _b, _c, _d, _e, _f;
  if (!headerOptions) {
    headerOptions = INCLUDE_HEADERS;
  }
  if (Array.isArray(patch)) {
    if (patch.length > 1 && !headerOptions.includeFileHeaders && !patch.every((p) => p.isGit)) {
      throw new Error("Cannot omit file headers on a multi-file patch. (The result would be unparseable; how would a tool trying to apply the patch know which changes are to which file?)");
    }
    return patch.map((p) => formatPatch(p, headerOptions)).join("\n");
  }
  const ret = [];
  if (patch.isGit) {
    headerOptions = INCLUDE_HEADERS;
    if (!patch.oldFileName) {
      throw new Error("oldFileName must be specified for Git patches");
    }
    if (!patch.newFileName) {
      throw new Error("newFileName must be specified for Git patches");
    }
    let gitOldName = patch.oldFileName;
    let gitNewName = patch.newFileName;
    if (patch.isCreate && gitOldName === "/dev/null") {
      gitOldName = gitNewName.replace(/^b\//, "a/");
    } else if (patch.isDelete && gitNewName === "/dev/null") {
      gitNewName = gitOldName.replace(/^a\//, "b/");
    }
    ret.push("diff --git " + quoteFileNameIfNeeded(gitOldName) + " " + quoteFileNameIfNeeded(gitNewName));
    if (patch.isDelete) {
      ret.push("deleted file mode " + ((_a = patch.oldMode) !== null && _a !== void 0 ? _a : "100644"));
    }
    if (patch.isCreate) {
      ret.push("new file mode " + ((_b = patch.newMode) !== null && _b !== void 0 ? _b : "100644"));
    }
    if (patch.oldMode && patch.newMode && !patch.isDelete && !patch.isCreate) {
      ret.push("old mode " + patch.oldMode);
      ret.push("new mode " + patch.newMode);
    }
    if (patch.isRename) {
      ret.push("rename from " + quoteFileNameIfNeeded(((_c = patch.oldFileName) !== null && _c !== void 0 ? _c : "").replace(/^a\//, "")));
      ret.push("rename to " + quoteFileNameIfNeeded(((_d = patch.newFileName) !== null && _d !== void 0 ? _d : "").replace(/^b\//, "")));
    }
    if (patch.isCopy) {
      ret.push("copy from " + quoteFileNameIfNeeded(((_e = patch.oldFileName) !== null && _e !== void 0 ? _e : "").replace(/^a\//, "")));
      ret.push("copy to " + quoteFileNameIfNeeded(((_f = patch.newFileName) !== null && _f !== void 0 ? _f : "").replace(/^b\//, "")));
    }
  } else {
    if (headerOptions.includeIndex && patch.oldFileName == patch.newFileName && patch.oldFileName !== void 0) {
      ret.push("Index: " + patch.oldFileName);
    }
    if (headerOptions.includeUnderline) {
      ret.push("===================================================================");
    }
  }
  const hasHunks = patch.hunks.length > 0;
  if (headerOptions.includeFileHeaders && patch.oldFileName !== void 0 && patch.newFileName !== void 0 && (!patch.isGit || hasHunks)) {
    ret.push("--- " + quoteFileNameIfNeeded(patch.oldFileName) + (patch.oldHeader ? "	" + patch.oldHeader : ""));
    ret.push("+++ " + quoteFileNameIfNeeded(patch.newFileName) + (patch.newHeader ? "	" + patch.newHeader : ""));
  }
  for (let i = 0; i < patch.hunks.length; i++) {
    const hunk = patch.hunks[i];
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    ret.push("@@ -" + oldStart + "," + hunk.oldLines + " +" + newStart + "," + hunk.newLines + " @@");
    for (const line of hunk.lines) {
      ret.push(line);
    }
  }
  return ret.join("\n") + "\n";
}
function createTwoFilesPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options2) {
  if (typeof options2 === "function") {
    options2 = { callback: options2 };
  }
  if (!(options2 === null || options2 === void 0 ? void 0 : options2.callback)) {
    const patchObj = structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options2);
    if (!patchObj) {
      return;
    }
    return formatPatch(patchObj, options2 === null || options2 === void 0 ? void 0 : options2.headerOptions);
  } else {
    const { callback } = options2;
    structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, Object.assign(Object.assign({}, options2), { callback: (patchObj) => {
      if (!patchObj) {
        callback(void 0);
      } else {
        callback(formatPatch(patchObj, options2.headerOptions));
      }
    } }));
  }
}
function splitLines(text) {
  const hasTrailingNl = text.endsWith("\n");
  const result = text.split("\n").map((line) => line + "\n");
  if (hasTrailingNl) {
    result.pop();
  } else {
    result.push(result.pop().slice(0, -1));
  }
  return result;
}

// src/baseline/config-diff.ts
var MAX_DIFF_LINES = 200;
var MAX_DIFF_CHARS = 16 * 1024;
function configDiff(path, before, after, existedBefore) {
  if (after?.text === void 0) return { diffOmitted: omission(after, "package") };
  if (existedBefore && before?.text === void 0) return { diffOmitted: omission(before, "baseline") };
  const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, before?.text ?? "", after.text, "", "", { context: 3 });
  const lines = patch.split("\n").slice(1);
  let text = lines.slice(0, MAX_DIFF_LINES).join("\n");
  if (text.length > MAX_DIFF_CHARS) text = text.slice(0, MAX_DIFF_CHARS);
  if (lines.length > MAX_DIFF_LINES || text.length === MAX_DIFF_CHARS) text += "\n\u2026 (diff truncated)";
  return { diff: text.trimEnd() };
}
function omission(config, side) {
  if (!config) return `no text of the ${side} side`;
  switch (config.omitted) {
    case "binary":
      return `the ${side} side is not text`;
    case "too-large":
      return `the ${side} side is larger than the text bound`;
    case "report-bound":
      return `the ${side} report had no room left for its text`;
    default:
      return `no text of the ${side} side`;
  }
}

// src/baseline/strip-root.ts
function singleTopFolder(files) {
  let top;
  for (const file of files) {
    const slash = file.path.indexOf("/");
    const first = slash < 0 ? file.path : file.path.slice(0, slash);
    if (slash < 0 && file.type !== "dir") return void 0;
    if (top === void 0) top = first;
    else if (first !== top) return void 0;
  }
  return top;
}
function rootsToStrip(target, baseline, named = {}) {
  const clean = (root) => (root ?? "").replace(/^\.?\/+|\/+$/g, "");
  if (named.target !== void 0 || named.baseline !== void 0) return { target: clean(named.target), baseline: clean(named.baseline) };
  const a = singleTopFolder(target);
  const b = singleTopFolder(baseline);
  if (a !== void 0 && b !== void 0) return { target: a, baseline: b };
  if (a !== void 0 && !baseline.some((file) => file.path === a || file.path.startsWith(`${a}/`))) return { target: a, baseline: "" };
  if (b !== void 0 && !target.some((file) => file.path === b || file.path.startsWith(`${b}/`))) return { target: "", baseline: b };
  return { target: "", baseline: "" };
}
function relativeTo(root, path) {
  if (root === "") return path;
  if (path.startsWith(`${root}/`)) return path.slice(root.length + 1);
  return void 0;
}

// src/baseline/file-diff.ts
function byPath(side) {
  const map = /* @__PURE__ */ new Map();
  for (const file of side.files) {
    const path = relativeTo(side.root, file.path);
    if (path !== void 0) map.set(path, file);
  }
  return map;
}
function stateOf(file) {
  const state = { type: file.type, mode: file.mode };
  if (file.uid !== void 0) state.uid = file.uid;
  if (file.gid !== void 0) state.gid = file.gid;
  if (file.sha256 !== void 0) state.sha256 = file.sha256;
  if (file.link !== void 0) state.link = file.link;
  return state;
}
function aspects(before, after) {
  const changed = [];
  if (before.type !== after.type) changed.push("type");
  else if (before.sha256 !== after.sha256) changed.push("content");
  if (before.mode !== after.mode) changed.push("mode");
  if (before.uid !== void 0 && after.uid !== void 0 && (before.uid !== after.uid || before.gid !== after.gid)) changed.push("owner");
  if (before.link !== after.link && before.type === after.type) changed.push("link");
  return changed;
}
function diffFiles(baseline, target, monitored) {
  const before = byPath(baseline);
  const after = byPath(target);
  const texts = {
    before: new Map(baseline.configs.flatMap((config) => withRelativePath(config, baseline.root))),
    after: new Map(target.configs.flatMap((config) => withRelativePath(config, target.root)))
  };
  const files = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  const configs = [];
  for (const [path, now] of after) {
    const then = before.get(path);
    const changed = then ? aspects(then, now) : ["added"];
    if (!then) files.added++;
    else if (changed.length > 0) files.changed++;
    else files.unchanged++;
    if (changed.length === 0 || now.type === "dir" || !monitored(path)) continue;
    const change = { path, changes: changed, after: stateOf(now) };
    if (then) change.before = stateOf(then);
    if (changed.includes("content") || changed.includes("added")) Object.assign(change, configDiff(path, texts.before.get(path), texts.after.get(path), then !== void 0));
    configs.push(change);
  }
  for (const [path, then] of before) {
    if (after.has(path)) continue;
    files.removed++;
    if (then.type !== "dir" && monitored(path)) configs.push({ path, changes: ["removed"], before: stateOf(then) });
  }
  configs.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { files, configs };
}
function withRelativePath(config, root) {
  const path = relativeTo(root, config.path);
  return path === void 0 ? [] : [[path, config]];
}

// src/baseline/load-baseline.ts
import { open as open3, stat as stat2 } from "node:fs/promises";

// src/report/manifest-digest.ts
import { createHash as createHash2 } from "node:crypto";
function manifestDigest(files) {
  const hash = createHash2("sha256");
  for (const file of files) {
    hash.update(
      `${file.path}\0${file.type}\0${file.mode}\0${file.uid ?? ""}\0${file.gid ?? ""}\0${file.size ?? ""}\0${file.sha256 ?? ""}\0${file.link ?? ""}
`
    );
  }
  return hash.digest("hex");
}

// src/report/parse-report.ts
var HEX64 = /^[0-9a-f]{64}$/;
var MODE = /^[0-7]{4}$/;
function parseReport(text, source) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ScanError(`${source} is not JSON; pass the JSON report a release-gate scan wrote (--report)`);
  }
  if (!isObject(data) || !("schemaVersion" in data)) {
    throw new ScanError(`${source} is not a release-gate report (no schemaVersion); pass the JSON report a scan wrote (--report)`);
  }
  if (data["schemaVersion"] !== SCHEMA_VERSION) {
    throw new ScanError(
      `${source} is a report of schema version ${describeValue(data["schemaVersion"])}; this release-gate reads version ${SCHEMA_VERSION}: scan the baseline package again with this version`
    );
  }
  try {
    return reportOf(data);
  } catch (error) {
    if (error instanceof ShapeError) {
      throw new ScanError(`${source} is not a valid release-gate report: ${error.message}; pass the JSON report a scan wrote, unedited`);
    }
    throw error;
  }
}
function reportOf(data) {
  const tool = need(data, "tool", "tool", isObject);
  const files = need(data, "files", "files", Array.isArray).map((item, i) => fileOf(item, `files[${i}]`));
  const packages = need(data, "packages", "packages", Array.isArray).map((item, i) => packageOf(item, `packages[${i}]`));
  const findings = need(data, "findings", "findings", Array.isArray).map((item, i) => findingOf2(item, `findings[${i}]`));
  const baseline = data["baseline"];
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: need(tool, "name", "tool.name", isString), version: need(tool, "version", "tool.version", isString) },
    target: targetOf(data["target"], "target"),
    baseline: baseline === null || baseline === void 0 ? null : targetOf(baseline, "baseline"),
    files,
    packages,
    findings,
    verdict: oneOf(data, "verdict", "verdict", VERDICTS),
    sources: list2(data, "sources").map((item, i) => sourceOf(item, `sources[${i}]`)),
    notes: list2(data, "notes").map((item, i) => {
      if (!isString(item)) throw new ShapeError(`notes[${i}]`, `is ${describeValue(item)}`);
      return item;
    }),
    configs: list2(data, "configs").map((item, i) => configOf(item, `configs[${i}]`)),
    // what changed against the report's own baseline: shown, never compared, so kept as read
    changes: isObject(data["changes"]) ? data["changes"] : null
  };
}
function configOf(value, where) {
  if (!isObject(value)) throw new ShapeError(where, `is ${describeValue(value)}, expected an object`);
  const config = {
    path: need(value, "path", `${where}.path`, isString),
    sha256: need(value, "sha256", `${where}.sha256`, isString)
  };
  const text = maybe(value, "text", `${where}.text`, isString);
  if (text !== void 0) config.text = text;
  if (value["omitted"] !== void 0) config.omitted = oneOf(value, "omitted", `${where}.omitted`, ["binary", "too-large", "report-bound"]);
  return config;
}
function list2(data, key) {
  const value = data[key];
  if (value === void 0) return [];
  if (!Array.isArray(value)) throw new ShapeError(key, `is ${describeValue(value)}, expected a list`);
  return value;
}
function sourceOf(value, where) {
  if (!isObject(value)) throw new ShapeError(where, `is ${describeValue(value)}, expected an object`);
  const summary = {
    source: need(value, "source", `${where}.source`, isString),
    records: need(value, "records", `${where}.records`, isNonNegativeInteger),
    httpCalls: need(value, "httpCalls", `${where}.httpCalls`, isNonNegativeInteger),
    skipped: need(value, "skipped", `${where}.skipped`, isNonNegativeInteger)
  };
  const failed = maybe(value, "failed", `${where}.failed`, isString);
  if (failed !== void 0) summary.failed = failed;
  return summary;
}
function targetOf(value, where) {
  if (!isObject(value)) throw new ShapeError(where, `is ${describeValue(value)}, expected an object`);
  return {
    path: need(value, "path", `${where}.path`, isString),
    format: oneOf(value, "format", `${where}.format`, TARGET_FORMATS),
    sha256: need(value, "sha256", `${where}.sha256`, isString),
    files: need(value, "files", `${where}.files`, isNonNegativeInteger),
    bytes: need(value, "bytes", `${where}.bytes`, isNonNegativeInteger)
  };
}
function fileOf(value, where) {
  if (!isObject(value)) throw new ShapeError(where, `is ${describeValue(value)}, expected an object`);
  const record = {
    path: need(value, "path", `${where}.path`, isString),
    type: oneOf(value, "type", `${where}.type`, ENTRY_TYPES),
    mode: need(value, "mode", `${where}.mode`, (mode) => isString(mode) && MODE.test(mode))
  };
  const uid = maybe(value, "uid", `${where}.uid`, isNonNegativeInteger);
  const gid = maybe(value, "gid", `${where}.gid`, isNonNegativeInteger);
  const size = maybe(value, "size", `${where}.size`, isNonNegativeInteger);
  const sha256 = maybe(value, "sha256", `${where}.sha256`, (hash) => isString(hash) && HEX64.test(hash));
  const link = maybe(value, "link", `${where}.link`, isString);
  if (uid !== void 0) record.uid = uid;
  if (gid !== void 0) record.gid = gid;
  if (size !== void 0) record.size = size;
  if (sha256 !== void 0) record.sha256 = sha256;
  if (link !== void 0) record.link = link;
  if (value["special"] !== void 0) record.special = oneOf(value, "special", `${where}.special`, SPECIAL_KINDS);
  return record;
}
function packageOf(value, where) {
  if (!isObject(value)) throw new ShapeError(where, `is ${describeValue(value)}, expected an object`);
  const result = {
    ecosystem: oneOf(value, "ecosystem", `${where}.ecosystem`, ECOSYSTEMS),
    name: need(value, "name", `${where}.name`, isString),
    version: need(value, "version", `${where}.version`, isString),
    purl: need(value, "purl", `${where}.purl`, isString),
    locations: need(value, "locations", `${where}.locations`, isStringArray)
  };
  const dev = maybe(value, "dev", `${where}.dev`, (flag) => typeof flag === "boolean");
  const release = maybe(value, "release", `${where}.release`, isString);
  const aliases = maybe(value, "aliases", `${where}.aliases`, isStringArray);
  if (dev !== void 0) result.dev = dev;
  if (release !== void 0) result.release = release;
  if (aliases !== void 0) result.aliases = aliases;
  return result;
}
function findingOf2(value, where) {
  if (!isObject(value)) throw new ShapeError(where, `is ${describeValue(value)}, expected an object`);
  const finding = {
    id: need(value, "id", `${where}.id`, isString),
    kind: oneOf(value, "kind", `${where}.kind`, FINDING_KINDS),
    severity: oneOf(value, "severity", `${where}.severity`, SEVERITIES),
    title: need(value, "title", `${where}.title`, isString),
    status: oneOf(value, "status", `${where}.status`, FINDING_STATUSES),
    blocking: need(value, "blocking", `${where}.blocking`, (flag) => typeof flag === "boolean")
  };
  const path = maybe(value, "path", `${where}.path`, isString);
  const rule = maybe(value, "rule", `${where}.rule`, isString);
  const detail = maybe(value, "detail", `${where}.detail`, isString);
  if (path !== void 0) finding.path = path;
  if (rule !== void 0) finding.rule = rule;
  if (detail !== void 0) finding.detail = detail;
  const pkg = value["package"];
  if (pkg !== void 0) {
    if (!isObject(pkg)) throw new ShapeError(`${where}.package`, `is ${describeValue(pkg)}, expected an object`);
    finding.package = {
      ecosystem: oneOf(pkg, "ecosystem", `${where}.package.ecosystem`, ECOSYSTEMS),
      name: need(pkg, "name", `${where}.package.name`, isString),
      version: need(pkg, "version", `${where}.package.version`, isString)
    };
  }
  const advisory = value["advisory"];
  if (advisory !== void 0) {
    if (!isObject(advisory)) throw new ShapeError(`${where}.advisory`, `is ${describeValue(advisory)}, expected an object`);
    finding.advisory = {
      id: need(advisory, "id", `${where}.advisory.id`, isString),
      aliases: need(advisory, "aliases", `${where}.advisory.aliases`, isStringArray),
      fixed: need(advisory, "fixed", `${where}.advisory.fixed`, isStringArray)
    };
    const url = maybe(advisory, "url", `${where}.advisory.url`, isString);
    if (url !== void 0) finding.advisory.url = url;
  }
  return finding;
}
function need(object, key, where, check) {
  const value = object[key];
  if (!check(value)) throw new ShapeError(where, `is ${describeValue(value)}`);
  return value;
}
function maybe(object, key, where, check) {
  const value = object[key];
  if (value === void 0) return void 0;
  if (!check(value)) throw new ShapeError(where, `is ${describeValue(value)}`);
  return value;
}
function oneOf(object, key, where, allowed) {
  const value = object[key];
  if (typeof value === "string" && allowed.includes(value)) return value;
  throw new ShapeError(where, `is ${describeValue(value)}, expected one of ${allowed.join(", ")}`);
}

// src/baseline/load-baseline.ts
var MAX_REPORT_BYTES = 512 * 1024 * 1024;
async function loadBaseline(spec, inspect) {
  const stats = await stat2(spec).catch(() => {
    throw new ScanError(`the baseline ${spec} does not exist; pass the previous package, the deployed directory, or the JSON report of its scan`);
  });
  if (stats.isFile() && await looksLikeJson(spec)) {
    if (stats.size > MAX_REPORT_BYTES) throw new ScanError(`the baseline report ${spec} is larger than ${MAX_REPORT_BYTES} bytes; pass the previous package instead`);
    const handle = await open3(spec, "r");
    let text;
    try {
      text = await handle.readFile("utf8");
    } finally {
      await handle.close();
    }
    const report = parseReport(text, `the baseline ${spec}`);
    return {
      summary: { ...report.target, path: spec, format: "report" },
      files: report.files,
      packages: report.packages,
      findings: report.findings,
      configs: report.configs
    };
  }
  let inspection;
  try {
    inspection = await inspect(spec);
  } catch (error) {
    if (error instanceof ScanError) throw new ScanError(`the baseline: ${error.message}`, { cause: error });
    throw error;
  }
  return {
    summary: {
      path: spec,
      format: inspection.read.format,
      sha256: inspection.read.sha256 ?? manifestDigest(inspection.files),
      files: inspection.files.length,
      bytes: inspection.read.bytes
    },
    files: inspection.files,
    packages: inspection.packages,
    findings: inspection.findings,
    configs: inspection.configs
  };
}
async function looksLikeJson(path) {
  if (path.toLowerCase().endsWith(".json")) return true;
  const handle = await open3(path, "r");
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await handle.read(head, 0, 64, 0);
    return head.subarray(0, bytesRead).toString("utf8").trimStart().startsWith("{");
  } finally {
    await handle.close();
  }
}

// src/baseline/monitored.ts
var import_picomatch = __toESM(require_picomatch2(), 1);
var DEFAULT_MONITORED = [
  // web server and PHP
  "**/.htaccess",
  "**/.user.ini",
  "**/php.ini",
  "**/php-fpm*.conf",
  "**/php-fpm.d/*.conf",
  "**/www.conf",
  "**/nginx*.conf",
  "**/nginx.conf.sample",
  "**/*.vhost",
  "**/sites-available/**",
  "**/sites-enabled/**",
  "**/conf.d/*.conf",
  "**/httpd*.conf",
  "**/apache2/**/*.conf",
  // platforms
  "**/app/etc/*.php",
  "**/app/etc/*.xml",
  "config/**",
  "*/config/**",
  "**/wp-config*.php",
  "**/app/config/parameters.php",
  "**/config/settings.inc.php",
  "**/config/defines.inc.php",
  "**/medusa-config.*",
  "**/next.config.*",
  // schedulers, services, process managers
  "**/crontab",
  "**/*.cron",
  "**/cron.d/**",
  "**/crontabs/**",
  "**/*.service",
  "**/*.timer",
  "**/*.socket",
  "**/supervisor*.conf",
  "**/supervisor/conf.d/**",
  "**/Procfile",
  "**/ecosystem.config.*",
  "**/sudoers",
  "**/sudoers.d/**",
  // containers
  "**/Dockerfile*",
  "**/*.dockerfile",
  "**/docker-compose*.yml",
  "**/docker-compose*.yaml",
  "**/compose.yml",
  "**/compose.yaml",
  "**/.dockerignore",
  // secrets and registries
  "**/.env",
  "**/.env.*",
  "**/.npmrc",
  "**/auth.json",
  // deploy scripts
  "**/deploy.php",
  "**/deploy.rb",
  "**/Capfile",
  "**/config/deploy/*.rb",
  "**/.mage.yml",
  "**/hosts.yml",
  // CI files inside the package
  "**/.gitlab-ci.yml",
  "**/.github/workflows/*",
  "**/bitbucket-pipelines.yml",
  "**/Jenkinsfile",
  "**/.circleci/config.yml",
  "**/azure-pipelines.yml"
];
var DEPENDENCY_TREE = /(?:^|\/)(?:node_modules|bower_components|\.yarn|site-packages|\.pnpm-store)\//;
function monitorMatcher(options2 = {}) {
  const removed = new Set(options2.remove ?? []);
  const globs = [...DEFAULT_MONITORED.filter((glob) => !removed.has(glob)), ...options2.add ?? []];
  const unmonitored = (options2.remove ?? []).filter((glob) => !DEFAULT_MONITORED.includes(glob));
  const combined = combine(globs);
  const excluded = unmonitored.length > 0 ? combine(unmonitored) : void 0;
  const added = options2.add && options2.add.length > 0 ? combine(options2.add) : void 0;
  return (path) => {
    if (!combined.test(path)) return false;
    if (excluded?.test(path)) return false;
    return !DEPENDENCY_TREE.test(path) || (added?.test(path) ?? false);
  };
}
function combine(globs) {
  if (globs.length === 0) return /$^/;
  return new RegExp(globs.map((glob) => `(?:${import_picomatch.default.makeRe(glob, { dot: true }).source})`).join("|"));
}

// src/baseline/package-diff.ts
function diffPackages(baseline, target) {
  const group = (packages) => {
    const map = /* @__PURE__ */ new Map();
    for (const pkg of packages) {
      const key = `${pkg.ecosystem}\0${pkg.release ?? ""}\0${pkg.name}`;
      map.set(key, [...map.get(key) ?? [], pkg]);
    }
    return map;
  };
  const before = group(baseline);
  const after = group(target);
  const result = { added: [], removed: [], upgraded: [], downgraded: [] };
  for (const key of /* @__PURE__ */ new Set([...before.keys(), ...after.keys()])) {
    const then = before.get(key) ?? [];
    const now = after.get(key) ?? [];
    const gone = then.filter((old) => !now.some((pkg) => pkg.version === old.version));
    const came = now.filter((pkg) => !then.some((old) => old.version === pkg.version));
    if (gone.length === 1 && came.length === 1) {
      const [old, pkg] = [gone[0], came[0]];
      const change = { ecosystem: pkg.ecosystem, name: pkg.name, from: old.version, to: pkg.version };
      (order(pkg, old.version, pkg.version) < 0 ? result.downgraded : result.upgraded).push(change);
      continue;
    }
    result.removed.push(...gone.map(ref));
    result.added.push(...came.map(ref));
  }
  const byName = (a, b) => a.ecosystem < b.ecosystem ? -1 : a.ecosystem > b.ecosystem ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  result.added.sort(byName);
  result.removed.sort(byName);
  result.upgraded.sort(byName);
  result.downgraded.sort(byName);
  return result;
}
function order(pkg, from, to) {
  try {
    return comparatorFor(pkg.ecosystem)?.compare(to, from) ?? 1;
  } catch {
    return 1;
  }
}
function ref(pkg) {
  return { ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version };
}

// src/baseline/config-capture.ts
import { isUtf8 } from "node:buffer";

// src/findings/redact.ts
var SECRET_KEY = /(?:pass(?:word|wd|phrase)?|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|crypt|salt|auth|credential|dsn|cookie[_-]?(?:key|iv)|signing)/i;
var ASSIGNMENT = /(["']?)([\w.-]{1,80})\1(\s*(?:=>|=|:|,)\s*)(["']?)([^"'\s,;#][^"'\n]{0,2000}?|[^"'\s,;#])\4(?=\s*(?:[,;)\]}]|$|#|\/\/))/g;
var DSN = /\b([a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@'"]+:)([^\s@'"]{1,512})@/gi;
var TOKENS = /\b(?:AKIA|ASIA|A3T[A-Z0-9]|ABIA|ACCA)[A-Z2-7]{16}\b|\bgh[pousr]_[0-9a-zA-Z]{36}\b|\bgithub_pat_\w{82}\b|\b[sr]k_(?:live|test|prod)_[a-zA-Z0-9]{10,99}\b|\bxox[abposer]-[0-9a-zA-Z-]{10,100}\b|\bAIza[\w-]{35}\b|\bnpm_[a-zA-Z0-9]{36}\b|\bglpat-[\w-]{20}\b|\bSG\.[\w.-]{60,70}\b|\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b|access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32}|\bey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9/\\_-]{17,}\.[a-zA-Z0-9/\\_-]{10,}={0,2}/g;
var PEM = /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/;
var HIGH_ENTROPY = /[A-Za-z0-9+/=_-]{20,}/g;
function redactedForm(secret) {
  return `${secret.slice(0, 4)}\u2026[${secret.length} chars redacted]`;
}
function redactLine(line) {
  if (PEM.test(line)) return "[private key redacted]";
  let out = line.replace(DSN, (_match, head, secret) => `${head}${redactedForm(secret)}@`);
  out = out.replace(TOKENS, (token) => redactedForm(token));
  out = out.replace(
    ASSIGNMENT,
    (match, quote, key, sep, valueQuote, value) => SECRET_KEY.test(key) && !isPlaceholder(value) && !value.includes("\u2026[") ? `${quote}${key}${quote}${sep}${valueQuote}${redactedForm(value)}${valueQuote}` : match
  );
  return out.replace(HIGH_ENTROPY, (run) => looksRandom(run) ? redactedForm(run) : run);
}
function redactText(text) {
  return text.split("\n").map(redactLine).join("\n");
}
function isPlaceholder(value) {
  const v = value.trim();
  return v.length < 4 || /^\$\{?[\w.]+\}?$/.test(v) || /^%env\(.+\)%$/.test(v) || /^(?:x+|\*+|changeme|change_me|secret|password|example|your[-_].*|<.*>|null|true|false|none|todo|editme)$/i.test(v) || /^getenv\(|^env\(|^process\.env\./.test(v);
}
function entropy(text) {
  const counts = /* @__PURE__ */ new Map();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
function looksRandom(run) {
  if (run.includes("\u2026[")) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((pattern) => pattern.test(run)).length;
  const hex = /^[0-9a-f]{32,}$/i.test(run);
  return hex && entropy(run) > 3.2 || classes >= 3 && entropy(run) > 4;
}

// src/baseline/config-capture.ts
var FILE_BOUND = 64 * 1024;
var REPORT_BOUND = 4 * 1024 * 1024;
var ConfigCapture = class {
  constructor(monitored) {
    this.monitored = monitored;
  }
  monitored;
  name = "config-capture";
  configs = [];
  total = 0;
  wants(header2) {
    return this.monitored(header2.path) ? FILE_BOUND + 1 : 0;
  }
  take(entry, content) {
    const config = { path: entry.path, sha256: entry.sha256 ?? "" };
    const bytes2 = content.bytes;
    if (content.truncated || bytes2.length > FILE_BOUND) config.omitted = "too-large";
    else if (bytes2.subarray(0, 8192).includes(0) || !isUtf8(bytes2)) config.omitted = "binary";
    else if (this.total + bytes2.length > REPORT_BOUND) config.omitted = "report-bound";
    else {
      config.text = redactText(bytes2.toString("utf8"));
      this.total += bytes2.length;
    }
    this.configs.push(config);
  }
  finish() {
    return {};
  }
  texts() {
    return this.configs.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  }
};

// src/inventory/checks/registry.ts
var MANIFEST_CHECKS = [];
function contentChecks() {
  return [];
}

// src/inventory/extractors/registry.ts
var EXTRACTORS = [];

// src/inventory/os-release.ts
var OS_RELEASE = /(?:^|\/)(?:etc|usr\/lib)\/os-release$/;
function isOsRelease(path) {
  return OS_RELEASE.test(path);
}
function parseOsRelease(path, text) {
  const fields = /* @__PURE__ */ new Map();
  for (const line of text.split("\n")) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) fields.set(match[1] ?? "", (match[2] ?? "").replace(/^(["'])(.*)\1$/, "$2"));
  }
  const id = fields.get("ID")?.toLowerCase();
  const version = fields.get("VERSION_ID");
  if (!id || !version) return void 0;
  const root = path.replace(/(?:etc|usr\/lib)\/os-release$/, "");
  if (id === "debian") return { root, id, release: version.split(".")[0] ?? version };
  if (id === "alpine") {
    const [major, minor] = version.split(".");
    return { root, id, release: `v${major ?? ""}.${minor ?? "0"}` };
  }
  return { root, id, release: version };
}

// src/inventory/purl.ts
var TYPES = {
  npm: "npm",
  Packagist: "composer",
  PyPI: "pypi",
  RubyGems: "gem",
  Go: "golang",
  Maven: "maven",
  "crates.io": "cargo",
  NuGet: "nuget",
  Debian: "deb",
  Alpine: "apk"
};
function encode(segment) {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function purlOf(ecosystem, name, version, distro) {
  const type = TYPES[ecosystem];
  let path;
  switch (ecosystem) {
    case "Maven": {
      const [group = "", artifact = name] = name.split(":");
      path = `${encode(group)}/${encode(artifact)}`;
      break;
    }
    case "PyPI":
      path = encode(name.toLowerCase().replace(/[-_.]+/g, "-"));
      break;
    case "Debian":
    case "Alpine":
      path = `${ecosystem === "Debian" ? "debian" : "alpine"}/${encode(name)}`;
      break;
    default:
      path = name.split("/").map(encode).join("/");
  }
  const qualifiers = distro ? `?distro=${encode(distro)}` : "";
  return `pkg:${type}/${path}@${encode(version)}${qualifiers}`;
}

// src/inventory/inventory-analyzer.ts
var OS_RELEASE_BYTES = 64 * 1024;
var InventoryAnalyzer = class {
  constructor(extractors = EXTRACTORS) {
    this.extractors = extractors;
  }
  extractors;
  name = "inventory";
  found = [];
  findings = [];
  releases = [];
  wants(header2, base) {
    let bound = 0;
    for (const extractor of this.extractors) {
      if (extractor.matches(header2.path, base) && extractor.maxBytes + 1 > bound) bound = extractor.maxBytes + 1;
    }
    if (base === "os-release" && isOsRelease(header2.path) && bound < OS_RELEASE_BYTES) bound = OS_RELEASE_BYTES;
    return bound;
  }
  take(entry, content) {
    const slash = entry.path.lastIndexOf("/");
    const base = entry.path.slice(slash + 1);
    if (base === "os-release" && isOsRelease(entry.path)) {
      const release = parseOsRelease(entry.path, content.bytes.toString("utf8"));
      if (release) this.releases.push(release);
    }
    for (const extractor of this.extractors) {
      if (!extractor.matches(entry.path, base)) continue;
      if (content.bytes.length > extractor.maxBytes) {
        this.parseError(entry.path, extractor, `it is larger than the ${extractor.maxBytes}-byte bound (${entry.size} bytes)`);
        continue;
      }
      try {
        for (const pkg of extractor.extract({ path: entry.path, content: content.bytes })) {
          this.found.push({ ...pkg, where: pkg.location ? `${entry.path}!/${pkg.location}` : entry.path });
        }
      } catch (error) {
        this.parseError(entry.path, extractor, error instanceof Error ? error.message : String(error));
      }
    }
  }
  finish() {
    return { packages: this.merge(), findings: this.findings };
  }
  parseError(path, extractor, reason) {
    const why = reason.replace(/\s+/g, " ").trim().slice(0, 300);
    this.findings.push({
      id: findingId("parse-error", path, extractor.name),
      kind: "parse-error",
      severity: "medium",
      title: `${path} could not be read as ${extractor.name}: ${why}`,
      path,
      rule: extractor.name,
      detail: "the packages it lists are not checked against advisories until it can be read",
      status: "new",
      blocking: true
    });
  }
  /** OS packages take the release of the system tree they were found in. */
  releaseOf(ecosystem, where) {
    if (ecosystem !== "Debian" && ecosystem !== "Alpine") return void 0;
    const id = ecosystem === "Debian" ? "debian" : "alpine";
    let best;
    for (const release of this.releases) {
      if (release.id === id && where.startsWith(release.root) && (!best || release.root.length > best.root.length)) best = release;
    }
    return best?.release;
  }
  merge() {
    const merged = /* @__PURE__ */ new Map();
    for (const found of this.found) {
      const release = this.releaseOf(found.ecosystem, found.where);
      const key = `${found.ecosystem}\0${release ?? ""}\0${found.name}\0${found.version}`;
      let pkg = merged.get(key);
      if (!pkg) {
        pkg = {
          ecosystem: found.ecosystem,
          name: found.name,
          version: found.version,
          purl: purlOf(found.ecosystem, found.name, found.version, release && `${found.ecosystem.toLowerCase()}-${release.replace(/^v/, "")}`),
          locations: [],
          devSeen: []
        };
        if (release) pkg.release = release;
        merged.set(key, pkg);
      }
      if (!pkg.locations.includes(found.where)) pkg.locations.push(found.where);
      if (found.dev !== void 0) pkg.devSeen.push(found.dev);
      for (const alias of found.aliases ?? []) {
        if (!(pkg.aliases ??= []).includes(alias)) pkg.aliases.push(alias);
      }
    }
    const packages = [];
    for (const { devSeen, ...pkg } of merged.values()) {
      pkg.locations.sort();
      pkg.aliases?.sort();
      if (devSeen.length > 0) pkg.dev = devSeen.every(Boolean);
      packages.push(pkg);
    }
    return packages.sort(comparePackages);
  }
};
function comparePackages(a, b) {
  return compare(a.ecosystem, b.ecosystem) || compare(a.release ?? "", b.release ?? "") || compare(a.name, b.name) || compare(a.version, b.version);
}
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/report/file-record.ts
function formatMode(mode) {
  return (mode & 4095).toString(8).padStart(4, "0");
}
function fileRecord(entry) {
  const record = { path: entry.path, type: entry.type, mode: formatMode(entry.mode) };
  if (entry.uid !== void 0) record.uid = entry.uid;
  if (entry.gid !== void 0) record.gid = entry.gid;
  if (entry.type === "file") {
    record.size = entry.size;
    if (entry.sha256 !== void 0) record.sha256 = entry.sha256;
  }
  if (entry.link !== void 0) record.link = entry.link;
  if (entry.special !== void 0) record.special = entry.special;
  return record;
}
function comparePaths(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/package-pass.ts
var PackagePass = class {
  constructor(analyzers) {
    this.analyzers = analyzers;
  }
  analyzers;
  entries = [];
  routed = /* @__PURE__ */ new WeakMap();
  /** The package root (`.`) when the package records one: not a file of the report, but its mode matters. */
  root;
  wants(header2) {
    if (this.analyzers.length === 0) return 0;
    const slash = header2.path.lastIndexOf("/");
    const base = slash < 0 ? header2.path : header2.path.slice(slash + 1);
    let bound = 0;
    let interested;
    for (const analyzer of this.analyzers) {
      const wanted = analyzer.wants(header2, base);
      if (wanted > 0) {
        (interested ??= []).push(analyzer);
        if (wanted > bound) bound = wanted;
      }
    }
    if (interested) this.routed.set(header2, interested);
    return bound;
  }
  visit(entry, content) {
    if (entry.path === ".") this.root = entry;
    else this.entries.push(entry);
    const interested = content && this.routed.get(entry);
    if (!interested) return;
    for (const analyzer of interested) analyzer.take(entry, content);
  }
  /** Every entry as the report lists it, sorted by path (stable: an entry stored twice keeps its order). */
  files() {
    return this.entries.sort((a, b) => comparePaths(a.path, b.path)).map(fileRecord);
  }
};

// src/read/read-package.ts
import { createHash as createHash5 } from "node:crypto";
import { createReadStream as createReadStream3 } from "node:fs";
import { open as open5, stat as stat4 } from "node:fs/promises";

// src/read/package-format-error.ts
var PackageFormatError = class extends Error {
  name = "PackageFormatError";
};

// src/read/read-directory.ts
import { constants, createReadStream } from "node:fs";
import { lstat, open as open4, readdir as readdir2, readlink, stat as stat3 } from "node:fs/promises";
import { join as join2 } from "node:path";

// src/read/entry-sink.ts
import { createHash as createHash3, hash as digestOnce } from "node:crypto";
var EMPTY = Buffer.alloc(0);
var EntrySink = class {
  constructor(visitor, header2) {
    this.visitor = visitor;
    this.header = header2;
    const wanted = header2.type === "file" ? visitor.wants(header2) : 0;
    this.asked = wanted > 0;
    this.want = Math.min(wanted, header2.size);
  }
  visitor;
  header;
  hash;
  asked;
  want;
  pieces;
  held = 0;
  seen = 0;
  digest;
  data(chunk) {
    if (this.seen === 0 && chunk.length === this.header.size) {
      this.digest = digestOnce("sha256", chunk, "hex");
    } else {
      (this.hash ??= createHash3("sha256")).update(chunk);
    }
    this.seen += chunk.length;
    if (this.held < this.want) {
      const take = Math.min(chunk.length, this.want - this.held);
      (this.pieces ??= []).push(take === chunk.length ? chunk : chunk.subarray(0, take));
      this.held += take;
    }
  }
  end() {
    let content;
    if (this.asked) {
      const pieces = this.pieces ?? [];
      const bytes2 = pieces.length === 1 ? pieces[0] : pieces.length === 0 ? EMPTY : Buffer.concat(pieces, this.held);
      content = { bytes: bytes2, truncated: this.held < this.header.size };
    }
    const entry = this.header;
    if (entry.type === "file") entry.sha256 = this.digest ?? this.hash?.digest("hex") ?? EMPTY_SHA256;
    this.pieces = void 0;
    this.visitor.visit(entry, content);
  }
};
var EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// src/read/read-directory.ts
var PARALLEL_READS2 = 8;
var SMALL_FILE = 256 * 1024;
async function readDirectory(root, visitor, limits) {
  const rootStats = await stat3(root);
  let entries = 0;
  let bytes2 = 0;
  const pending = /* @__PURE__ */ new Set();
  let failure;
  const directories = ["."];
  const count2 = () => {
    if (++entries > limits.maxEntries) throw new PackageFormatError(`more than ${limits.maxEntries} entries`);
  };
  new EntrySink(visitor, headerOf(".", rootStats)).end();
  count2();
  for (let relative = directories.pop(); relative !== void 0; relative = directories.pop()) {
    const names = (await readdir2(join2(root, relative))).sort();
    for (const name of names) {
      const path = relative === "." ? name : `${relative}/${name}`;
      const absolute = join2(root, path);
      const stats = await lstat(absolute);
      count2();
      const header2 = headerOf(path, stats);
      if (header2.type === "dir") {
        directories.push(path);
      } else if (header2.type === "symlink") {
        header2.link = await readlink(absolute);
      }
      if (header2.type === "file") {
        bytes2 += header2.size;
        if (bytes2 > limits.maxTotalBytes) throw new PackageFormatError(`the content expands past the ${limits.maxTotalBytes}-byte bound`);
        const reading = readFileEntry(absolute, stats, new EntrySink(visitor, header2)).catch((error) => {
          failure ??= error instanceof Error ? error : new Error(String(error));
        }).finally(() => pending.delete(reading));
        pending.add(reading);
        if (pending.size >= PARALLEL_READS2) await Promise.race(pending);
        if (failure !== void 0) throw failure;
      } else {
        new EntrySink(visitor, header2).end();
      }
    }
  }
  await Promise.all(pending);
  if (failure !== void 0) throw failure;
  return { entries, bytes: bytes2 };
}
function headerOf(path, stats) {
  const header2 = { path, type: "file", mode: stats.mode & 4095, uid: stats.uid, gid: stats.gid, size: 0 };
  if (stats.isFile()) header2.size = stats.size;
  else if (stats.isDirectory()) header2.type = "dir";
  else if (stats.isSymbolicLink()) header2.type = "symlink";
  else {
    header2.type = "other";
    header2.special = specialKind(stats);
  }
  return header2;
}
function specialKind(stats) {
  if (stats.isFIFO()) return "fifo";
  if (stats.isCharacterDevice()) return "char-device";
  if (stats.isBlockDevice()) return "block-device";
  if (stats.isSocket()) return "socket";
  return "unknown";
}
async function readFileEntry(absolute, listed, sink) {
  const handle = await open4(absolute, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const now = await handle.stat();
    if (!now.isFile() || now.ino !== listed.ino || now.dev !== listed.dev) {
      throw new PackageFormatError(`'${absolute}' changed while it was being read`);
    }
    if (listed.size <= SMALL_FILE) {
      const bytes2 = await handle.readFile();
      if (bytes2.length !== listed.size) throw new PackageFormatError(`'${absolute}' changed while it was being read`);
      if (bytes2.length > 0) sink.data(bytes2);
    } else {
      let read = 0;
      for await (const chunk of createReadStream("", { fd: handle, autoClose: false, highWaterMark: 1024 * 1024 })) {
        read += chunk.length;
        sink.data(chunk);
      }
      if (read !== listed.size) throw new PackageFormatError(`'${absolute}' changed while it was being read`);
    }
    sink.end();
  } finally {
    await handle.close();
  }
}

// src/read/read-tar-file.ts
import { createHash as createHash4 } from "node:crypto";
import { createReadStream as createReadStream2 } from "node:fs";
import { createGunzip } from "node:zlib";

// src/read/tar-header.ts
import { isUtf8 as isUtf82 } from "node:buffer";
var BLOCK = 512;
var NAME_AT = 0;
var LINK_AT = 157;
var PREFIX_AT = 345;
function isZeroBlock(block, offset) {
  for (let i = offset, end = offset + BLOCK; i < end; i++) {
    if (block[i] !== 0) return false;
  }
  return true;
}
function checksumMatches(block, offset) {
  const stored = readNumber(block, offset + 148, 8);
  if (stored === void 0) return false;
  let unsigned = 8 * 32;
  for (let i = offset, end = offset + BLOCK; i < end; i++) unsigned += block[i];
  for (let i = offset + 148, end = offset + 156; i < end; i++) unsigned -= block[i];
  if (stored === unsigned) return true;
  let signed = 8 * 32;
  for (let i = offset, end = offset + BLOCK; i < end; i++) {
    if (i >= offset + 148 && i < offset + 156) continue;
    const byte = block[i];
    signed += byte > 127 ? byte - 256 : byte;
  }
  return stored === signed;
}
function decodeHeader(block, offset) {
  if (!checksumMatches(block, offset)) {
    throw new PackageFormatError("bad header checksum");
  }
  const size = requireNumber(block, offset + 124, 12, "size");
  const prefixEnd = isPosixUstar(block, offset) ? stringEnd(block, offset + PREFIX_AT, 155) : 0;
  return {
    nameEnd: stringEnd(block, offset + NAME_AT, 100),
    mode: requireNumber(block, offset + 100, 8, "mode"),
    uid: readNumber(block, offset + 108, 8) ?? 0,
    gid: readNumber(block, offset + 116, 8) ?? 0,
    size,
    typeflag: block[offset + 156],
    linkEnd: stringEnd(block, offset + LINK_AT, 100),
    prefixEnd: prefixEnd > offset + PREFIX_AT ? prefixEnd : 0
  };
}
function isPosixUstar(block, offset) {
  return block[offset + 257] === 117 && // u
  block[offset + 258] === 115 && // s
  block[offset + 259] === 116 && // t
  block[offset + 260] === 97 && // a
  block[offset + 261] === 114 && // r
  block[offset + 262] === 0;
}
function stringEnd(block, start, length) {
  let end = start;
  const limit = start + length;
  while (end < limit && block[end] !== 0) end++;
  return end;
}
function requireNumber(block, start, length, field) {
  const value = readNumber(block, start, length);
  if (value === void 0) throw new PackageFormatError(`header field '${field}' is not a number`);
  return value;
}
function readNumber(block, start, length) {
  const first = block[start];
  if (first & 128) {
    if (first === 255) return void 0;
    let value2 = first & 127;
    for (let i2 = start + 1; i2 < start + length; i2++) {
      value2 = value2 * 256 + block[i2];
      if (value2 > Number.MAX_SAFE_INTEGER) return void 0;
    }
    return value2;
  }
  let i = start;
  const end = start + length;
  while (i < end && (block[i] === 32 || block[i] === 0)) i++;
  if (i === end) return 0;
  let value = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = block[i];
    if (c === 32 || c === 0) break;
    if (c < 48 || c > 55) return void 0;
    value = value * 8 + (c - 48);
    digits++;
  }
  for (; i < end; i++) {
    const c = block[i];
    if (c !== 32 && c !== 0) return void 0;
  }
  return digits > 0 ? value : 0;
}
function decodeName(bytes2, start = 0, end = bytes2.length) {
  for (let i = start; i < end; i++) {
    if (bytes2[i] >= 128) {
      return { text: bytes2.toString("utf8", start, end), bad: !isUtf82(bytes2.subarray(start, end)) };
    }
  }
  return { text: bytes2.toString("latin1", start, end), bad: false };
}

// src/read/pax.ts
function parsePax(data, into = {}) {
  let offset = 0;
  while (offset < data.length) {
    if (data[offset] === 0) break;
    const space = data.indexOf(32, offset);
    if (space < 0 || space - offset > 20) throw new PackageFormatError("corrupt PAX record: no length");
    const length = Number(data.toString("latin1", offset, space));
    const end = offset + length;
    if (!Number.isInteger(length) || length <= space - offset + 1 || end > data.length || data[end - 1] !== 10) {
      throw new PackageFormatError("corrupt PAX record: bad length");
    }
    const equals = data.indexOf(61, space + 1);
    if (equals < 0 || equals >= end) throw new PackageFormatError("corrupt PAX record: no key");
    const key = data.toString("utf8", space + 1, equals);
    const value = data.subarray(equals + 1, end - 1);
    applyRecord(into, key, value);
    offset = end;
  }
  return into;
}
function applyRecord(fields, key, value) {
  switch (key) {
    case "path":
      fields.path = Buffer.from(value);
      break;
    case "linkpath":
      fields.linkpath = Buffer.from(value);
      break;
    case "size":
      fields.size = decimal(value, key);
      break;
    case "uid":
      fields.uid = decimal(value, key);
      break;
    case "gid":
      fields.gid = decimal(value, key);
      break;
    default:
      break;
  }
}
function decimal(value, key) {
  const text = value.toString("latin1");
  if (!/^\d{1,16}$/.test(text)) throw new PackageFormatError(`corrupt PAX record: ${key} is not a number`);
  const number = Number(text);
  if (!Number.isSafeInteger(number)) throw new PackageFormatError(`corrupt PAX record: ${key} is too large`);
  return number;
}

// src/read/stored-path.ts
function storedPath(name) {
  let start = 0;
  while (name.startsWith("./", start)) {
    start += 2;
    while (name[start] === "/") start++;
  }
  let end = name.length;
  while (end > start && name[end - 1] === "/") end--;
  if (end === start) return name.length > 0 && name[0] === "/" ? "/" : ".";
  const path = name.slice(start, end);
  return path === "." ? "." : path;
}

// src/read/tar-parser.ts
var CHAR = (c) => c.charCodeAt(0);
var T_FILE = CHAR("0");
var T_AFILE = 0;
var T_HARDLINK = CHAR("1");
var T_SYMLINK = CHAR("2");
var T_CHAR = CHAR("3");
var T_BLOCK = CHAR("4");
var T_DIR = CHAR("5");
var T_FIFO = CHAR("6");
var T_CONTIGUOUS = CHAR("7");
var T_PAX = CHAR("x");
var T_PAX_GLOBAL = CHAR("g");
var T_GNU_LONGNAME = CHAR("L");
var T_GNU_LONGLINK = CHAR("K");
var T_GNU_DUMPDIR = CHAR("D");
var T_GNU_SPARSE = CHAR("S");
var TarParser = class {
  constructor(visitor, limits) {
    this.visitor = visitor;
    this.limits = limits;
  }
  visitor;
  limits;
  state = 0 /* Header */;
  remaining = 0;
  padding = 0;
  /** The bytes being skipped are only the padding after complete content. */
  onlyPadding = false;
  sink;
  carry = Buffer.alloc(BLOCK);
  carryLength = 0;
  position = 0;
  zeroBlocks = 0;
  ended = false;
  meta;
  metaLength = 0;
  metaKind = 0 /* PaxLocal */;
  local = {};
  hasLocal = false;
  global = {};
  longName;
  longLink;
  current = "";
  entries = 0;
  bytes = 0;
  write(chunk) {
    let offset = 0;
    const length = chunk.length;
    while (offset < length && !this.ended) {
      switch (this.state) {
        case 1 /* Data */: {
          const n = Math.min(this.remaining, length - offset);
          this.sink.data(offset === 0 && n === length ? chunk : chunk.subarray(offset, offset + n));
          offset += n;
          this.remaining -= n;
          if (this.remaining === 0) {
            this.sink.end();
            this.sink = void 0;
            this.skip(this.padding, true);
          }
          break;
        }
        case 2 /* Skip */: {
          const n = Math.min(this.remaining, length - offset);
          offset += n;
          this.remaining -= n;
          if (this.remaining === 0) this.state = 0 /* Header */;
          break;
        }
        case 3 /* Meta */: {
          const meta = this.meta;
          const n = Math.min(this.remaining, length - offset);
          chunk.copy(meta, this.metaLength, offset, offset + n);
          this.metaLength += n;
          offset += n;
          this.remaining -= n;
          if (this.remaining === 0) {
            this.applyMeta(meta);
            this.skip(this.padding, true);
          }
          break;
        }
        case 0 /* Header */:
        case 4 /* SparseExtension */: {
          let block;
          let at;
          if (this.carryLength > 0 || length - offset < BLOCK) {
            const n = Math.min(BLOCK - this.carryLength, length - offset);
            chunk.copy(this.carry, this.carryLength, offset, offset + n);
            this.carryLength += n;
            offset += n;
            if (this.carryLength < BLOCK) break;
            this.carryLength = 0;
            block = this.carry;
            at = 0;
          } else {
            block = chunk;
            at = offset;
            offset += BLOCK;
          }
          const blockStart = this.position + offset - BLOCK;
          if (this.state === 4 /* SparseExtension */) {
            if (block[at + 504] === 0) this.skip(this.remaining);
          } else {
            this.header(block, at, blockStart);
          }
          break;
        }
      }
    }
    this.position += length;
  }
  /** The input is complete: anything but a header boundary means the archive was cut short. */
  end() {
    if (this.ended) return;
    if (this.state === 1 /* Data */ || this.state === 3 /* Meta */ || this.state === 2 /* Skip */ && !this.onlyPadding) {
      throw new PackageFormatError(`the archive ends inside '${this.current}' (${this.remaining} bytes missing)`);
    }
    if (this.carryLength > 0 || this.state === 4 /* SparseExtension */) {
      throw new PackageFormatError("the archive ends inside a header");
    }
  }
  skip(bytes2, onlyPadding = false) {
    this.onlyPadding = onlyPadding;
    this.remaining = bytes2;
    this.state = bytes2 > 0 ? 2 /* Skip */ : 0 /* Header */;
  }
  header(block, at, blockStart) {
    if (block[at] === 0 && isZeroBlock(block, at)) {
      if (++this.zeroBlocks >= 2) this.ended = true;
      return;
    }
    this.zeroBlocks = 0;
    let raw;
    try {
      raw = decodeHeader(block, at);
    } catch (error) {
      const what = error instanceof Error ? error.message : String(error);
      throw new PackageFormatError(
        this.entries === 0 && blockStart === 0 ? `not a tar archive (${what})` : `${what} at byte ${blockStart}`
      );
    }
    const type = raw.typeflag;
    if (type === T_PAX || type === T_PAX_GLOBAL || type === T_GNU_LONGNAME || type === T_GNU_LONGLINK) {
      this.startMeta(raw, type);
      return;
    }
    this.entry(raw, type, block, at);
  }
  startMeta(raw, type) {
    const isName = type === T_GNU_LONGNAME || type === T_GNU_LONGLINK;
    const bound = isName ? this.limits.maxNameBytes : this.limits.maxPaxBytes;
    if (raw.size > bound) {
      throw new PackageFormatError(`a ${isName ? "GNU long name" : "PAX header"} of ${raw.size} bytes is over the ${bound}-byte bound`);
    }
    this.metaKind = type === T_PAX ? 0 /* PaxLocal */ : type === T_PAX_GLOBAL ? 1 /* PaxGlobal */ : type === T_GNU_LONGNAME ? 2 /* LongName */ : 3 /* LongLink */;
    this.meta = Buffer.allocUnsafe(raw.size);
    this.metaLength = 0;
    this.padding = padding(raw.size);
    this.current = "an extended header";
    if (raw.size === 0) {
      this.applyMeta(this.meta);
      this.skip(0);
    } else {
      this.remaining = raw.size;
      this.state = 3 /* Meta */;
    }
  }
  applyMeta(meta) {
    switch (this.metaKind) {
      case 0 /* PaxLocal */:
        parsePax(meta, this.local);
        this.hasLocal = true;
        break;
      case 1 /* PaxGlobal */:
        parsePax(meta, this.global);
        break;
      case 2 /* LongName */:
        this.longName = trimNul(meta);
        break;
      case 3 /* LongLink */:
        this.longLink = trimNul(meta);
        break;
    }
    this.meta = void 0;
  }
  entry(raw, typeflag, block, at) {
    const local = this.local;
    const global = this.global;
    const longName = local.path ?? this.longName ?? global.path;
    const linkBytes = local.linkpath ?? this.longLink ?? global.linkpath;
    const longest = Math.max(longName?.length ?? 0, linkBytes?.length ?? 0);
    if (longest > this.limits.maxNameBytes) {
      throw new PackageFormatError(`an entry name of ${longest} bytes is over the ${this.limits.maxNameBytes}-byte bound`);
    }
    const name = entryName(raw, block, at, longName);
    const size = local.size ?? global.size ?? raw.size;
    const uid = local.uid ?? global.uid ?? raw.uid;
    const gid = local.gid ?? global.gid ?? raw.gid;
    if (this.hasLocal) {
      this.local = {};
      this.hasLocal = false;
    }
    this.longName = void 0;
    this.longLink = void 0;
    if (++this.entries > this.limits.maxEntries) {
      throw new PackageFormatError(`more than ${this.limits.maxEntries} entries`);
    }
    const path = storedPath(name.text);
    this.current = path;
    const header2 = { path, type: "file", mode: raw.mode & 4095, uid, gid, size: 0 };
    if (name.bad) header2.badName = true;
    let dataBytes = size;
    let hashed = false;
    switch (typeflag) {
      case T_FILE:
      case T_AFILE:
        if (typeflag === T_AFILE && name.text.endsWith("/")) {
          header2.type = "dir";
          dataBytes = 0;
        } else {
          header2.size = size;
          hashed = true;
        }
        break;
      case T_HARDLINK:
        header2.type = "hardlink";
        dataBytes = 0;
        break;
      case T_SYMLINK:
        header2.type = "symlink";
        break;
      case T_DIR:
        header2.type = "dir";
        dataBytes = 0;
        break;
      case T_GNU_DUMPDIR:
        header2.type = "dir";
        break;
      default:
        header2.type = "other";
        header2.special = specialKind2(typeflag);
        break;
    }
    if (header2.type === "symlink" || header2.type === "hardlink") {
      header2.link = linkBytes ? decodeName(linkBytes).text : decodeName(block, at + LINK_AT, raw.linkEnd).text;
    }
    if (hashed) {
      this.bytes += size;
      if (this.bytes > this.limits.maxTotalBytes) {
        throw new PackageFormatError(`the content expands past the ${this.limits.maxTotalBytes}-byte bound`);
      }
    }
    const sink = new EntrySink(this.visitor, header2);
    if (typeflag === T_GNU_SPARSE && block[at + 482] !== 0) {
      sink.end();
      this.state = 4 /* SparseExtension */;
      this.remaining = dataBytes + padding(dataBytes);
      return;
    }
    if (hashed && dataBytes > 0) {
      this.sink = sink;
      this.remaining = dataBytes;
      this.padding = padding(dataBytes);
      this.state = 1 /* Data */;
      return;
    }
    sink.end();
    this.skip(dataBytes + padding(dataBytes));
  }
};
function entryName(raw, block, at, long) {
  if (long) return decodeName(long);
  const name = decodeName(block, at + NAME_AT, raw.nameEnd);
  if (raw.prefixEnd === 0) return name;
  const prefix = decodeName(block, at + PREFIX_AT, raw.prefixEnd);
  return { text: `${prefix.text}/${name.text}`, bad: prefix.bad || name.bad };
}
function padding(size) {
  const rest = size % BLOCK;
  return rest === 0 ? 0 : BLOCK - rest;
}
function trimNul(bytes2) {
  const nul = bytes2.indexOf(0);
  return Buffer.from(nul >= 0 ? bytes2.subarray(0, nul) : bytes2);
}
function specialKind2(typeflag) {
  switch (typeflag) {
    case T_CHAR:
      return "char-device";
    case T_BLOCK:
      return "block-device";
    case T_FIFO:
      return "fifo";
    case T_CONTIGUOUS:
      return "contiguous";
    default:
      return "unknown";
  }
}

// src/read/read-tar-file.ts
var FILE_CHUNK = 1024 * 1024;
var INFLATE_CHUNK = 256 * 1024;
var INFLATE_AHEAD = 1024 * 1024;
async function readTarFile(path, compressed, visitor, limits) {
  const parser = new TarParser(visitor, limits);
  const input = createReadStream2(path, { highWaterMark: FILE_CHUNK });
  try {
    if (compressed) {
      const packageHash = createHash4("sha256");
      input.on("data", (chunk) => packageHash.update(chunk));
      const options2 = { chunkSize: INFLATE_CHUNK, highWaterMark: INFLATE_AHEAD };
      const gunzip = createGunzip(options2);
      input.on("error", (error) => gunzip.destroy(error));
      input.pipe(gunzip);
      try {
        for await (const chunk of gunzip) parser.write(chunk);
      } finally {
        gunzip.destroy();
      }
      parser.end();
      return { sha256: packageHash.digest("hex"), entries: parser.entries, bytes: parser.bytes };
    }
    const fileHash = createHash4("sha256");
    for await (const chunk of input) {
      fileHash.update(chunk);
      parser.write(chunk);
    }
    parser.end();
    return { sha256: fileHash.digest("hex"), entries: parser.entries, bytes: parser.bytes };
  } finally {
    input.destroy();
  }
}

// src/read/read-zip.ts
var yauzl2 = __toESM(require_yauzl(), 1);
var S_IFMT = 61440;
var UNIX_TYPES = /* @__PURE__ */ new Map([
  [32768, "file"],
  [16384, "dir"],
  [40960, "symlink"]
]);
var UNIX_SPECIALS = /* @__PURE__ */ new Map([
  [4096, "fifo"],
  [8192, "char-device"],
  [24576, "block-device"],
  [49152, "socket"]
]);
var MADE_BY_UNIX = /* @__PURE__ */ new Set([3, 19]);
var DOS_DIRECTORY = 16;
var UTF8_FLAG = 2048;
var EXTRA_UNIX_OWNER = 30837;
var EXTRA_UNICODE_PATH = 28789;
async function readZip(source, visitor, limits) {
  const options2 = { lazyEntries: true, decodeStrings: false, autoClose: false, validateEntrySizes: true, strictFileNames: true };
  const zip = typeof source === "string" ? await yauzl2.openPromise(source, options2) : await yauzl2.fromBufferPromise(source, options2);
  let entries = 0;
  let bytes2 = 0;
  try {
    for await (const raw of zip.eachEntry()) {
      if (++entries > limits.maxEntries) throw new PackageFormatError(`more than ${limits.maxEntries} entries`);
      const header2 = describeEntry(raw, limits);
      if (header2.type === "file") {
        bytes2 += header2.size;
        if (bytes2 > limits.maxTotalBytes) throw new PackageFormatError(`the content expands past the ${limits.maxTotalBytes}-byte bound`);
      }
      if (header2.type === "symlink") header2.link = await readLinkTarget(zip, raw, header2.path, limits);
      const sink = new EntrySink(visitor, header2);
      if (header2.type === "file" && header2.size > 0) {
        const stream = await openContent(zip, raw, header2.path);
        for await (const chunk of stream) sink.data(chunk);
      }
      sink.end();
    }
  } finally {
    zip.close();
  }
  return { entries, bytes: bytes2 };
}
function describeEntry(raw, limits) {
  const nameBytes = raw.fileNameRaw;
  if (nameBytes.length > limits.maxNameBytes) {
    throw new PackageFormatError(`an entry name of ${nameBytes.length} bytes is over the ${limits.maxNameBytes}-byte bound`);
  }
  const { text, bad } = entryName2(raw);
  const path = storedPath(text);
  const unix = MADE_BY_UNIX.has(raw.versionMadeBy >> 8) ? raw.externalFileAttributes >>> 16 : 0;
  const format = unix & S_IFMT;
  const special = UNIX_SPECIALS.get(format);
  let type;
  if (special) type = "other";
  else type = UNIX_TYPES.get(format) ?? (text.endsWith("/") || raw.externalFileAttributes & DOS_DIRECTORY ? "dir" : "file");
  const permissions = unix & 4095;
  const mode = permissions !== 0 ? permissions : type === "dir" ? 493 : 420;
  const header2 = { path, type, mode, size: type === "file" ? raw.uncompressedSize : 0 };
  const owner = unixOwner(raw.extraFields);
  if (owner) {
    header2.uid = owner.uid;
    header2.gid = owner.gid;
  }
  if (special) header2.special = special;
  if (bad) header2.badName = true;
  return header2;
}
function entryName2(raw) {
  const declaredUtf8 = (raw.generalPurposeBitFlag & UTF8_FLAG) !== 0;
  const hasUnicodeExtra = raw.extraFields.some((field) => field.id === EXTRA_UNICODE_PATH);
  if (declaredUtf8) return decodeName(raw.fileNameRaw);
  if (!hasUnicodeExtra) {
    const utf8 = decodeName(raw.fileNameRaw);
    if (!utf8.bad) return utf8;
  }
  return { text: yauzl2.getFileNameLowLevel(raw.generalPurposeBitFlag, raw.fileNameRaw, raw.extraFields, true), bad: false };
}
function unixOwner(fields) {
  const field = fields.find((candidate) => candidate.id === EXTRA_UNIX_OWNER);
  if (!field || field.data.length < 3 || field.data[0] !== 1) return void 0;
  const data = field.data;
  const uidSize = data[1];
  const gidAt = 2 + uidSize;
  if (uidSize > 6 || gidAt >= data.length) return void 0;
  const gidSize = data[gidAt];
  if (gidSize > 6 || gidAt + 1 + gidSize > data.length) return void 0;
  return {
    uid: uidSize === 0 ? 0 : data.readUIntLE(2, uidSize),
    gid: gidSize === 0 ? 0 : data.readUIntLE(gidAt + 1, gidSize)
  };
}
async function openContent(zip, raw, path) {
  if (raw.isEncrypted()) throw new PackageFormatError(`entry '${path}' is encrypted`);
  if (!raw.canDecodeFileData()) {
    throw new PackageFormatError(`entry '${path}' uses compression method ${raw.compressionMethod}, only stored and deflate can be read`);
  }
  return zip.openReadStreamPromise(raw);
}
async function readLinkTarget(zip, raw, path, limits) {
  if (raw.uncompressedSize > limits.maxNameBytes) {
    throw new PackageFormatError(`the link target of '${path}' is over the ${limits.maxNameBytes}-byte bound`);
  }
  const pieces = [];
  for await (const chunk of await openContent(zip, raw, path)) pieces.push(chunk);
  return decodeName(Buffer.concat(pieces)).text;
}

// src/read/read-package.ts
var REBUILD = "re-create the package, or check that its upload or download finished";
async function readPackage(target, visitor, limits) {
  const stats = await stat4(target).catch((error) => {
    throw fileError(target, error);
  });
  if (stats.isDirectory()) {
    const result2 = await guard(target, "dir", () => readDirectory(target, visitor, limits));
    return { format: "dir", sha256: void 0, ...result2 };
  }
  if (!stats.isFile()) {
    throw new ScanError(`${target} is not a regular file or a directory; pass a .tar, .tar.gz, .tgz or .zip package, or a directory`);
  }
  if (stats.size === 0) throw new ScanError(`${target} is empty (0 bytes); ${REBUILD}`);
  const format = detectFormat(target, await firstBlock(target));
  if (format === "zip") {
    const [result2, sha256] = await Promise.all([guard(target, format, () => readZip(target, visitor, limits)), hashFile(target)]);
    return { format, sha256, ...result2 };
  }
  const result = await guard(target, format, () => readTarFile(target, format === "tar.gz", visitor, limits));
  return { format, ...result };
}
async function firstBlock(target) {
  const handle = await open5(target, "r").catch((error) => {
    throw fileError(target, error);
  });
  try {
    const block = Buffer.alloc(BLOCK);
    const { bytesRead } = await handle.read(block, 0, BLOCK, 0);
    return block.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
var OTHER_FORMATS = [
  ["bzip2", [66, 90, 104]],
  ["xz", [253, 55, 122, 88, 90, 0]],
  ["zstd", [40, 181, 47, 253]],
  ["7-Zip", [55, 122, 188, 175, 39, 28]],
  ["RAR", [82, 97, 114, 33, 26, 7]]
];
function detectFormat(target, head) {
  if (head[0] === 31 && head[1] === 139) return "tar.gz";
  if (head[0] === 80 && head[1] === 75 && [772, 1286, 1800].includes((head[2] ?? 0) << 8 | (head[3] ?? 0))) return "zip";
  if (head.length === BLOCK && (checksumMatches(head, 0) || isZeroBlock(head, 0))) return "tar";
  const other = OTHER_FORMATS.find(([, magic]) => magic.every((byte, i) => head[i] === byte));
  if (other) {
    throw new ScanError(`${target} is ${other[0]}-compressed; release-gate reads .tar, .tar.gz, .tgz and .zip: repack it with gzip or zip`);
  }
  const start = [...head.subarray(0, 8)].map((byte) => byte.toString(16).padStart(2, "0")).join(" ");
  throw new ScanError(`${target} is not a .tar, .tar.gz, .tgz or .zip package (it starts with bytes ${start}); pass a release package or a directory`);
}
async function guard(target, format, read) {
  let result;
  try {
    result = await read();
  } catch (error) {
    throw readError(target, format, error);
  }
  if (result.entries === 0 || format === "dir" && result.entries === 1) {
    throw new ScanError(`${target} holds no entries; check the step that built the package`);
  }
  return result;
}
function readError(target, format, error) {
  if (error instanceof ScanError) return error;
  if (error instanceof PackageFormatError) {
    const what = format === "dir" ? "directory" : `${format} package`;
    return new ScanError(`${target}: ${error.message}; the ${what} is damaged or hostile: ${REBUILD}`, { cause: error });
  }
  const code = error.code;
  const message = error instanceof Error ? oneLine(error.message) : String(error);
  if (code === "Z_BUF_ERROR" || message === "unexpected end of file") {
    return new ScanError(`${target} is truncated: the gzip stream ends early; ${REBUILD}`, { cause: error });
  }
  if (typeof code === "string" && code.startsWith("Z_")) {
    return new ScanError(`${target} is corrupt: the gzip stream is damaged (${message}); ${REBUILD}`, { cause: error });
  }
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return fileError(target, error);
  if (format === "zip") {
    return new ScanError(`${target} is not a readable zip (${message}); ${REBUILD}`, { cause: error });
  }
  return new ScanError(`${target} could not be read (${message}); ${REBUILD}`, { cause: error });
}
function fileError(target, error) {
  const code = error.code;
  const path = error.path;
  const where = typeof path === "string" && path !== target ? `${path} (in ${target})` : target;
  switch (code) {
    case "ENOENT":
      return new ScanError(`${where} does not exist; pass the path of a .tar, .tar.gz, .tgz or .zip package, or of a directory`, { cause: error });
    case "EACCES":
    case "EPERM":
      return new ScanError(`cannot read ${where}: permission denied; run the scan as a user who can read the whole package`, { cause: error });
    case "ELOOP":
      return new ScanError(`${where} is a loop of symbolic links; pass the package itself`, { cause: error });
    default: {
      const message = error instanceof Error ? oneLine(error.message) : String(error);
      return new ScanError(`cannot read ${where} (${message}); check the path and its permissions`, { cause: error });
    }
  }
}
async function hashFile(path) {
  const hash = createHash5("sha256");
  for await (const chunk of createReadStream3(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk);
  return hash.digest("hex");
}

// src/inspect.ts
async function inspectPackage(target, limits, monitored) {
  const capture = new ConfigCapture(monitored);
  const analyzers = [new InventoryAnalyzer(), capture, ...contentChecks()];
  const pass = new PackagePass(analyzers);
  const read = await readPackage(target, pass, limits);
  const files = pass.files();
  const packages = [];
  const findings = [];
  for (const analyzer of analyzers) {
    const result = analyzer.finish();
    packages.push(...result.packages ?? []);
    findings.push(...result.findings ?? []);
  }
  for (const check of MANIFEST_CHECKS) findings.push(...check.check({ files, root: pass.root }));
  return { read, files, root: pass.root, packages, findings, configs: capture.texts() };
}

// src/limits.ts
var DEFAULT_LIMITS = {
  maxEntries: 5e6,
  maxNameBytes: 64 * 1024,
  maxPaxBytes: 1024 * 1024,
  maxTotalBytes: 64 * 1024 ** 3,
  maxNestedDepth: 3
};

// src/policy/policy.ts
function defaultPolicy(hasBaseline) {
  return { failOn: FINDING_KINDS, severity: "low", onlyNew: hasBaseline, warnOnly: false };
}
function atLeast(severity, threshold) {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}
function applyPolicy(findings, policy) {
  const kinds = new Set(policy.failOn);
  for (const finding of findings) {
    finding.blocking = finding.status !== "accepted" && kinds.has(finding.kind) && atLeast(finding.severity, policy.severity) && finding.severity !== "info" && (!policy.onlyNew || finding.status === "new");
  }
}
function decideVerdict(findings, policy) {
  if (findings.some((finding) => finding.blocking)) return policy.warnOnly ? "warn" : "fail";
  return findings.length > 0 ? "warn" : "pass";
}

// src/version.ts
var TOOL_NAME = "release-gate";
var TOOL_VERSION = "0.1.0";

// src/scan.ts
async function scan(options2) {
  const limits = { ...DEFAULT_LIMITS, ...options2.limits };
  const monitored = monitorMatcher(options2.monitor);
  const sources = await openSources({
    specs: options2.advisories ?? [],
    offline: options2.offline ?? false,
    ...options2.fetch ? { fetch: options2.fetch } : {},
    ...options2.apiCache ? { apiCache: options2.apiCache } : {},
    ...options2.network
  });
  const inspect = (target2) => inspectPackage(target2, limits, monitored);
  const current = await inspect(options2.target);
  const baseline = options2.baseline === void 0 ? void 0 : await loadBaseline(options2.baseline, inspect);
  const notes = [];
  const findings = [...current.findings];
  const vulnerabilities = await checkAdvisories(current.packages, baseline?.packages ?? [], sources, options2.allowSourceFailure ?? false, notes);
  findings.push(...vulnerabilities.target);
  let changes = null;
  if (baseline) {
    const roots = rootsToStrip(current.files, baseline.files, options2.roots);
    const fileChanges = diffFiles(
      { files: baseline.files, configs: baseline.configs, root: roots.baseline },
      { files: current.files, configs: current.configs, root: roots.target },
      monitored
    );
    changes = { roots, ...fileChanges, packages: diffPackages(baseline.packages, current.packages) };
    findings.push(...configFindings(changes.configs));
    markExisting(findings, baseline, vulnerabilities.baseline);
  }
  const policy = { ...defaultPolicy(baseline !== void 0), ...options2.policy };
  applyPolicy(findings, policy);
  findings.sort(compareFindings);
  const target = {
    path: options2.target,
    format: current.read.format,
    sha256: current.read.sha256 ?? manifestDigest(current.files),
    files: current.files.length,
    bytes: current.read.bytes
  };
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    target,
    baseline: baseline?.summary ?? null,
    files: current.files,
    packages: current.packages,
    findings,
    verdict: decideVerdict(findings, policy),
    sources: vulnerabilities.summaries,
    notes,
    configs: current.configs,
    changes
  };
}
function markExisting(findings, baseline, baselineVulnerabilities) {
  const known = new Set([...baseline.findings, ...baselineVulnerabilities].map((finding) => finding.id));
  for (const finding of findings) if (known.has(finding.id) && finding.status === "new") finding.status = "existing";
}
async function checkAdvisories(packages, baselinePackages, sources, allowFailure, notes) {
  const outcome = { target: [], baseline: [], summaries: [] };
  if (sources.length === 0) {
    if (packages.length > 0) notes.push(`advisories were not checked (--advisories none): ${packages.length} packages unchecked`);
    return outcome;
  }
  let failure;
  try {
    const result = await findVulnerabilities([...packages, ...baselinePackages], sources);
    const ids = new Set(packages.map((pkg) => `${pkg.ecosystem}\0${pkg.name}\0${pkg.version}`));
    const inTarget = (finding) => ids.has(`${finding.package?.ecosystem ?? ""}\0${finding.package?.name ?? ""}\0${finding.package?.version ?? ""}`);
    const seen = /* @__PURE__ */ new Set();
    for (const finding of result.findings) {
      if (seen.has(finding.id)) continue;
      seen.add(finding.id);
      (inTarget(finding) ? outcome.target : outcome.baseline).push(finding);
    }
    outcome.baseline.push(...outcome.target);
    for (const { package: pkg, reason } of result.unchecked) notes.push(`${pkg} was not checked against advisories: ${reason}`);
  } catch (error) {
    if (!(error instanceof AdvisorySourceError)) throw error;
    if (!allowFailure) {
      throw new ScanError(`${error.message}; retry later, use an offline OSV database (--advisories <directory|all.zip>), or let the scan pass with a warning (--allow-source-failure)`, {
        cause: error
      });
    }
    failure = error.message;
    notes.push(`advisories were not checked: ${error.message}`);
  }
  outcome.summaries = sources.map((source) => {
    const stats = source.stats();
    for (const skipped of stats.skipped.slice(0, 20)) notes.push(`skipped an advisory record (${skipped.where}): ${skipped.reason}`);
    if (stats.skipped.length > 20) notes.push(`\u2026 and ${stats.skipped.length - 20} more advisory records skipped`);
    const summary = { source: stats.source, records: stats.records, httpCalls: stats.httpCalls, skipped: stats.skipped.length };
    if (failure) summary.failed = failure;
    return summary;
  });
  return outcome;
}
function compareFindings(a, b) {
  return compare2(a.kind, b.kind) || compare2(a.path ?? "", b.path ?? "") || compare2(a.package ? `${a.package.ecosystem}/${a.package.name}@${a.package.version}` : "", b.package ? `${b.package.ecosystem}/${b.package.name}@${b.package.version}` : "") || compare2(a.id, b.id);
}
function compare2(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/cli/terminal.ts
var LISTED_FINDINGS = 20;
var LISTED_CHANGES = 10;
var LISTED_NOTES = 5;
function renderTerminal(report) {
  const { target } = report;
  const lines = [
    `package   ${printable(target.path)} (${target.format}, ${plural(target.files, "entry", "entries")}, ${bytes(target.bytes)})`,
    `sha256    ${target.sha256}`
  ];
  if (report.baseline) lines.push(`baseline  ${printable(report.baseline.path)} (${report.baseline.format}, ${plural(report.baseline.files, "entry", "entries")})`);
  lines.push(`packages  ${packageCounts2(report)}`);
  const changes = report.changes;
  if (changes) {
    const { files, packages, configs } = changes;
    lines.push(
      `changes   files +${count(files.added)} -${count(files.removed)} ~${count(files.changed)}; packages ${count(packages.upgraded.length)} upgraded, ${count(packages.downgraded.length)} downgraded, ${count(packages.added.length)} added, ${count(packages.removed.length)} removed; ${plural(configs.length, "config file")} changed`
    );
    for (const config of configs.slice(0, LISTED_CHANGES)) lines.push(`  config  ${printable(config.path)} ${printable(describe(config))}`);
    if (configs.length > LISTED_CHANGES) lines.push(`  \u2026 and ${count(configs.length - LISTED_CHANGES)} more config changes in the report`);
  }
  lines.push(`findings  ${findingCounts2(report)}`);
  const shown = [...report.findings].sort((a, b) => Number(b.blocking) - Number(a.blocking)).slice(0, LISTED_FINDINGS);
  for (const finding of shown) {
    const where = finding.path ? `  (${printable(finding.path)})` : "";
    const fix = findingFix(finding);
    const about = finding.package ? `${printable(findingSubject(finding))}: ` : "";
    lines.push(
      `  ${finding.blocking ? "BLOCK" : "note "} ${finding.status.padEnd(8)} ${finding.severity.padEnd(8)} ${finding.kind.padEnd(14)} ${about}${printable(finding.title)}${fix ? `; ${fix}` : ""}${where}`
    );
  }
  if (report.findings.length > shown.length) {
    lines.push(`  \u2026 and ${count(report.findings.length - shown.length)} more in the report (--report, --summary)`);
  }
  for (const note of report.notes.slice(0, LISTED_NOTES)) lines.push(`note      ${printable(note)}`);
  if (report.notes.length > LISTED_NOTES) lines.push(`note      \u2026 and ${count(report.notes.length - LISTED_NOTES)} more notes in the report`);
  lines.push(verdictLine(report));
  return `${lines.join("\n")}
`;
}
function packageCounts2(report) {
  if (report.packages.length === 0) return "none found";
  const byEcosystem = /* @__PURE__ */ new Map();
  for (const pkg of report.packages) byEcosystem.set(pkg.ecosystem, (byEcosystem.get(pkg.ecosystem) ?? 0) + 1);
  const parts = [...byEcosystem].sort(([a], [b]) => a < b ? -1 : 1).map(([ecosystem, n]) => `${ecosystem} ${count(n)}`);
  return `${count(report.packages.length)} (${parts.join(", ")})`;
}
function findingCounts2(report) {
  if (report.findings.length === 0) return "none";
  const blocking = report.findings.filter((finding) => finding.blocking).length;
  const fresh = report.findings.filter((finding) => finding.status === "new").length;
  return `${count(report.findings.length)} (${count(blocking)} blocking, ${count(fresh)} new)`;
}

// src/cli/main.ts
var EXIT_PASS = 0;
var EXIT_FAIL = 1;
var EXIT_ERROR = 2;
async function main(argv2, io) {
  const debug = argv2.includes("--debug");
  try {
    const command = parseCommandLine(argv2);
    switch (command.command) {
      case "help":
        io.stdout(command.topic === "scan" ? SCAN_HELP : MAIN_HELP);
        return EXIT_PASS;
      case "version":
        io.stdout(`${TOOL_NAME} ${TOOL_VERSION}
`);
        return EXIT_PASS;
      case "scan":
        return await runScan(command.options, io);
    }
  } catch (error) {
    io.stderr(`${TOOL_NAME}: ${describeFailure(error)}
`);
    if (debug && error instanceof Error) io.stderr(`${error.stack ?? ""}
${causeChain(error)}`);
    return EXIT_ERROR;
  }
}
async function runScan(options2, io) {
  refuseUnavailable(["config", "sarif", "sbom"].filter((name) => options2[name] !== void 0).map((name) => `--${name}`));
  const started = performance.now();
  const report = await scan({
    target: options2.target,
    ...options2.baseline !== void 0 ? { baseline: options2.baseline } : {},
    roots: { ...options2.root !== void 0 ? { target: options2.root } : {}, ...options2.baselineRoot !== void 0 ? { baseline: options2.baselineRoot } : {} },
    advisories: options2.advisories,
    offline: options2.offline,
    allowSourceFailure: options2.allowSourceFailure,
    policy: {
      ...options2.failOn ? { failOn: options2.failOn } : {},
      ...options2.severity ? { severity: options2.severity } : {},
      ...options2.onlyNew !== void 0 ? { onlyNew: options2.onlyNew } : {}
    }
  });
  if (options2.report) await writeJsonReport(options2.report, report);
  if (options2.summary) await writeOutput(options2.summary, renderMarkdown(report), "the summary");
  io.stdout(options2.quiet ? `${verdictLine(report)}
` : renderTerminal(report));
  if (options2.debug) {
    const gc = process.execArgv.includes("--single-threaded-gc") ? ", relaunched with single-threaded GC" : "";
    io.stderr(`scan took ${((performance.now() - started) / 1e3).toFixed(2)} s${gc}
`);
  }
  return exitStatus(report);
}
function exitStatus(report) {
  return report.verdict === "fail" ? EXIT_FAIL : EXIT_PASS;
}
function causeChain(error) {
  let text = "";
  for (let cause = error.cause; cause instanceof Error; cause = cause.cause) text += `caused by: ${cause.stack ?? cause.message}
`;
  return text;
}

// src/cli/index.ts
var argv = process.argv.slice(2);
var relaunched = worthRelaunching(scanTarget()) ? await relaunchForThroughput() : void 0;
process.exitCode = relaunched ?? await main(argv, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text)
});
function scanTarget() {
  try {
    const command = parseCommandLine(argv);
    return command.command === "scan" ? command.options.target : void 0;
  } catch {
    return void 0;
  }
}
//# sourceMappingURL=cli.js.map
