// Seed 002's 基本支出表 prints four economic codes twice, once per 政府经济分类 code (50501/50103,
// 50201/50502, 50299/50502): each code's figure is the sum of its lines. Read by hand from the document.

/** code, name, the sum, and each printed line: [line, 合计, 人员经费, 公用经费]. */
export const SEED_002_PRINTED: [string, string, string, [number, string, string, string][]][] = [
  ['30113', '住房公积金', '18.00', [[335, '7.30', '7.30', '0.00'], [336, '10.70', '10.70', '0.00']]],
  ['30229', '福利费', '2.00', [[337, '0.80', '0.00', '0.00'], [338, '1.20', '0.00', '0.00']]],
  ['30228', '工会经费', '1.70', [[340, '0.70', '0.00', '0.00'], [341, '1.00', '0.00', '0.00']]],
  ['30299', '其他商品和服务支出', '2.40', [[345, '2.30', '0.00', '0.00'], [346, '0.10', '0.00', '0.00']]],
];
